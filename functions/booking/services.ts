import { randomUUID } from 'node:crypto';
import { forbidden, invalid, notFound } from '../../shared/errors';
import { runsCommunity } from '../../shared/domain/booking/access';
import {
  fairBallot,
  ServiceRules,
  witnessedBallot,
  type Service,
  type ServiceCreateBody,
  type ServiceUpdateBody,
} from '../../shared/schemas/services';
import type { User } from '../../shared/schemas/users';
import { readableCommunities } from '../auth/scope';
import { createService, getService, saveService } from '../data/booking/services';
import { getTeam } from '../data/teams';
import { getUser } from '../data/users';
import { isVerifiedMemberOf } from '../../shared/domain/membership';
import { optimistic } from '../data/retry';
import { openSlotsOf } from './materialise';

/** A service the user may see: one of their own community's (as resident, verified or not, staff, grid worker or volunteer). */
export async function visibleService(user: User, id: string): Promise<Service> {
  const service = await getService(id);
  if (!service || !(await readableCommunities(user)).includes(service.communityId)) throw notFound('service');
  return service;
}

/** The team that provides a service must serve its community; null for a room (staff look after it). */
async function teamFor(teamId: string | null, communityId: string): Promise<{ teamId: string | null; teamName: string | null }> {
  if (teamId === null) return { teamId: null, teamName: null };
  const team = await getTeam(teamId);
  if (!team || team.communityId !== communityId) throw invalid('body.teamId', 'pick a team of this community from GET /teams');
  return { teamId: team.id, teamName: team.name };
}

/**
 * A ballot's witnesses must be of the community: its staff, or verified residents (the council roster's
 * representatives are residents; so is any resident the service names).
 */
async function checkWitnesses(rules: ServiceRules, communityId: string): Promise<void> {
  for (const id of rules.draw?.witnesses ?? []) {
    const user = await getUser(id);
    if (!user || !(runsCommunity(user, communityId) || isVerifiedMemberOf(user, communityId)))
      throw invalid('body.rules.draw.witnesses', `${id} is neither staff nor a verified resident of this community`);
  }
}

/** Staff add a service; its slots for the booking window open at once. */
export async function addService(user: User, body: ServiceCreateBody, now: Date): Promise<Service> {
  const communityId = body.communityId ?? user.staffCommunityIds[0];
  if (!communityId || !runsCommunity(user, communityId)) throw forbidden('staff add services to their own community');
  await checkWitnesses(body.rules, communityId);
  const service: Service = {
    id: `svc-${randomUUID().slice(0, 8)}`,
    communityId,
    name: body.name,
    description: body.description,
    place: body.place,
    kind: body.kind,
    ...(await teamFor(body.teamId, communityId)),
    rules: body.rules,
    schedule: body.schedule,
    active: true,
    order: body.order,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await createService(service, now.getTime());
  await openSlotsOf(service, now.getTime());
  return service;
}

/**
 * Staff change a service: its rules and schedule apply to slots opened from now on (the slots that
 * exist keep the rules they were opened with, so nobody's booking changes under them; a slot is
 * changed one by one with PATCH /slots/{id}). New slots of a changed schedule open at once.
 */
export async function changeService(user: User, id: string, body: ServiceUpdateBody, now: Date): Promise<Service> {
  const next = await optimistic('change a service', async () => {
    const service = await visibleService(user, id);
    if (!runsCommunity(user, service.communityId)) throw forbidden('staff of the community change its services');
    const parsed = ServiceRules.safeParse({ ...service.rules, ...body.rules });
    if (!parsed.success) throw invalid('body.rules', parsed.error.issues[0]?.message ?? 'the rules are not valid');
    if (!fairBallot(parsed.data))
      throw invalid('body.rules.reservedPercent', 'a ballot counts every channel the same: hold no seats back (0)');
    if (
      !witnessedBallot(parsed.data) &&
      !(service.rules.allocation === 'ballot' && body.rules?.allocation === undefined && !body.rules?.draw)
    )
      throw invalid('body.rules.draw', 'a ballot names who makes its seed: witnesses and a public number published after the close');
    await checkWitnesses(parsed.data, service.communityId);
    const team =
      body.teamId === undefined ? { teamId: service.teamId, teamName: service.teamName } : await teamFor(body.teamId, service.communityId);
    const { rules: _rules, teamId: _teamId, ...fields } = body;
    const changed: Service = {
      ...service,
      ...fields,
      ...team,
      rules: parsed.data,
      updatedAt: now.toISOString(),
      version: service.version + 1,
    };
    await saveService(changed, service.version);
    return changed;
  });
  await openSlotsOf(next, now.getTime());
  return next;
}
