import { randomUUID } from 'node:crypto';
import { forbidden, invalid, notFound } from '../../shared/errors';
import { isVerifiedMemberOf } from '../../shared/domain/membership';
import type {
  CommunityQuery,
  CouncilMember,
  CouncilRoster,
  CouncilRosterBody,
  CouncilSettingsBody,
  CouncilSettingsView,
} from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { auditPut } from '../data/audit';
import { councilOf, saveCouncilSettingsAudited, saveRosterAudited } from '../data/council/roster';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getUser } from '../data/users';
import { maskPhone } from '../../shared/domain/wish-view';
import { communityFor } from './access';

/** Staff run the council of their community; for anyone else there it is 403, for another community 404. */
async function staffCommunity(user: User, requested: string | undefined): Promise<string> {
  const { communityId, viewer } = await communityFor(user, requested ?? user.staffCommunityIds[0]);
  if (!viewer.roles.includes('staff')) throw forbidden("only the community's staff change its council");
  return communityId;
}

/** GET /council/members: staff and grid workers of the community. */
export async function rosterFor(user: User, query: CommunityQuery): Promise<CouncilRoster> {
  const { communityId, viewer } = await communityFor(user, query.communityId ?? user.staffCommunityIds[0]);
  if (!viewer.roles.some((r) => r === 'staff' || r === 'gridWorker'))
    throw forbidden("only the community's staff and grid workers read the roster");
  return (await councilOf(communityId)).roster;
}

/**
 * The members as stored: representatives and building heads are verified residents of the community (named from
 * their record); organisations keep their id across edits, a new one gets one.
 */
async function membersOf(communityId: string, body: CouncilRosterBody): Promise<CouncilMember[]> {
  const people = await Promise.all(body.members.map((m) => (m.userId ? getUser(m.userId) : Promise.resolve(null))));
  const seen = new Set<string>();
  return body.members.map((m, i) => {
    const path = `body.members.${i}`;
    const person = people[i];
    if (!('organisation' in m)) {
      if (!person || !isVerifiedMemberOf(person, communityId)) throw invalid(`${path}.userId`, 'a verified resident of this community');
      if (seen.has(person.id)) throw invalid(`${path}.userId`, 'each resident once');
      seen.add(person.id);
      return { id: person.id, kind: m.kind, userId: person.id, name: person.name, organisation: null, phone: null };
    }
    if (m.userId && !person) throw invalid(`${path}.userId`, 'no such user');
    const id = m.id ?? `org-${randomUUID().slice(0, 8)}`;
    if (seen.has(id)) throw invalid(`${path}.id`, 'each member once');
    seen.add(id);
    return { id, kind: m.kind, userId: m.userId ?? null, name: m.contact, organisation: m.organisation, phone: m.phone ?? null };
  });
}

/** PUT /council/members: the whole roster, on the version read, with its audit entry. */
export async function putRoster(user: User, query: CommunityQuery, body: CouncilRosterBody, now: Date): Promise<CouncilRoster> {
  const communityId = await staffCommunity(user, query.communityId);
  const [members, place] = await Promise.all([membersOf(communityId, body), getPlace(communityId)]);
  if (!place) throw notFound('community');
  return optimistic('change the council roster', async () => {
    const { roster } = await councilOf(communityId);
    const next: CouncilRoster = { communityId, members, updatedAt: now.toISOString(), version: roster.version + 1 };
    const audit = auditPut(
      {
        action: 'council.members',
        actorId: user.id,
        actorName: user.name,
        subject: { kind: 'council', id: communityId },
        communityId,
        streetId: place.streetId,
        // The operator and street staff read the audit log: a contact's number is masked there, as everywhere else.
        before: roster.members.map(maskedContact),
        after: members.map(maskedContact),
      },
      now,
    );
    await saveRosterAudited(next, roster.version, audit);
    return next;
  });
}

/** GET /council/settings: anyone of the community reads the rules of its council. */
export async function settingsFor(user: User, query: CommunityQuery): Promise<CouncilSettingsView> {
  const { communityId } = await communityFor(user, query.communityId);
  const { settings } = await councilOf(communityId);
  return { communityId, settings: settings.settings, updatedAt: settings.updatedAt };
}

/** PUT /council/settings: staff, on the version read, audited. A topic keeps the threshold and dates it was proposed under. */
export async function putSettings(user: User, query: CommunityQuery, body: CouncilSettingsBody, now: Date): Promise<CouncilSettingsView> {
  const communityId = await staffCommunity(user, query.communityId);
  const place = await getPlace(communityId);
  if (!place) throw notFound('community');
  return optimistic('change the council settings', async () => {
    const { settings } = await councilOf(communityId);
    const at = now.toISOString();
    const audit = auditPut(
      {
        action: 'council.settings',
        actorId: user.id,
        actorName: user.name,
        subject: { kind: 'council', id: communityId },
        communityId,
        streetId: place.streetId,
        before: settings.settings,
        after: body,
      },
      now,
    );
    await saveCouncilSettingsAudited(
      communityId,
      { settings: body, updatedAt: at, version: settings.version + 1 },
      settings.version,
      audit,
    );
    return { communityId, settings: body, updatedAt: at };
  });
}

const maskedContact = <M extends { phone: string | null }>(m: M): M => ({ ...m, phone: m.phone && maskPhone(m.phone) });
