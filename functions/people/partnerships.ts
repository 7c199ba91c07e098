import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/domain/notice';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { managesTeam } from '../../shared/domain/teams';
import { isActiveClaim, isAwaitingClaim } from '../../shared/domain/wish-machine';
import type { AuditAction } from '../../shared/schemas/audit';
import type { Partnership, PartnershipOfferBody, Team } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { auditPutsFor } from '../data/audit';
import { deliver, notificationWrites } from '../data/notifications';
import { acceptedInto, getPartnership, savePartnership } from '../data/partnerships';
import { allPlaces, getPlace } from '../data/places';
import { optimistic, TryAgain } from '../data/retry';
import { getTeam } from '../data/teams';
import type { TransactItem } from '../data/transactions';
import { auditScope } from '../settings/audit';
import { openWishesOf, sendBackFrom, stillReaches } from '../wishes/withdraw';
import { teamFor } from './team-scope';

const staffOf = (user: User, communityId: string) => user.roles.includes('staff') && user.staffCommunityIds.includes(communityId);

/** An agreement as its audit entries record it. */
const agreementView = (p: Partnership) => ({
  status: p.status,
  teamId: p.teamId,
  teamName: p.teamName,
  fromCommunityId: p.fromCommunityId,
  toCommunityId: p.toCommunityId,
  gridIds: p.gridIds,
  skills: p.skills,
});

/**
 * The audit entries of a change of an agreement: under the acting side's community and street, and a copy under
 * the other side's street when the two communities lie in different streets (both streets' staff read it).
 */
async function agreementAudit(
  action: AuditAction,
  actor: User,
  p: Partnership,
  before: Partnership | null,
  now: Date,
): Promise<TransactItem[]> {
  const mine = staffOf(actor, p.fromCommunityId) ? p.fromCommunityId : p.toCommunityId;
  const theirs = mine === p.fromCommunityId ? p.toCommunityId : p.fromCommunityId;
  const [here, there] = await Promise.all([auditScope(mine), auditScope(theirs)]);
  return auditPutsFor(
    {
      action,
      actorId: actor.id,
      actorName: actor.name,
      subject: { kind: 'partnership', id: p.id },
      ...here,
      before: before ? agreementView(before) : null,
      after: agreementView(p),
    },
    now,
    { communityId: theirs, streetId: there.streetId },
  );
}

/**
 * Community A's staff offer one of A's teams, for some of its skills, to grids of community B. A team outside
 * their community is answered as a missing one (404), before anything about the offer is checked. Audited.
 */
export async function offer(user: User, body: PartnershipOfferBody, now: Date): Promise<Partnership> {
  const team = await teamFor(user, body.teamId, (t) => managesTeam(user, t));
  if (body.toCommunityId === team.communityId) throw invalid('body.toCommunityId', 'offer to another community');
  const grids = new Set((await allPlaces()).filter((p) => p.kind === 'grid' && p.communityId === body.toCommunityId).map((p) => p.id));
  if (!grids.size || body.gridIds.some((g) => !grids.has(g))) throw invalid('body.gridIds', 'grids of the receiving community');
  if (body.skills.some((s) => !team.skills.includes(s))) throw invalid('body.skills', 'skills the team has');
  const p: Partnership = {
    id: `p-${randomUUID().slice(0, 8)}`,
    teamId: team.id,
    teamName: team.name,
    fromCommunityId: team.communityId,
    toCommunityId: body.toCommunityId,
    gridIds: body.gridIds,
    skills: body.skills,
    status: 'offered',
    offeredBy: { userId: user.id, name: user.name, at: now.toISOString() },
    acceptedBy: null,
    version: 1,
  };
  if (!(await savePartnership(p, null, await agreementAudit('partnership.offer', user, p, null, now)))) throw new TryAgain('id taken');
  return p;
}

/**
 * What ending an agreement takes from the partner team in the receiving community: the wishes it no longer
 * reaches (no other accepted agreement covers them), unclaimed (back to triage) and held by one of its
 * volunteers (they stay with the volunteer until done; the grid worker is told).
 */
async function whatEnds(p: Partnership, team: Team | null): Promise<{ unclaimed: Wish[]; held: Wish[] }> {
  if (!team) return { unclaimed: [], held: [] };
  const [open, accepted] = await Promise.all([openWishesOf(team.id, p.toCommunityId), acceptedInto(p.toCommunityId)]);
  const others = accepted.filter((x) => x.id !== p.id);
  const lost: Wish[] = [];
  for (const w of open) if (!(await stillReaches(team, w, others))) lost.push(w);
  return { unclaimed: lost.filter((w) => isAwaitingClaim(w.status)), held: lost.filter((w) => isActiveClaim(w.status)) };
}

/** The grid worker of each held wish's grid, told that the partner's volunteer still has it and what happens next. */
async function heldNotices(held: readonly Wish[], team: Team): Promise<Notice[]> {
  const grids = new Map<string, string[]>();
  for (const w of held) if (!grids.has(w.gridId)) grids.set(w.gridId, (await getPlace(w.gridId))?.managerIds ?? []);
  return held.flatMap((w) =>
    (grids.get(w.gridId) ?? []).map((userId) => ({
      userId,
      kind: 'partnership_ended' as const,
      title: `协作协议已终止:${w.categoryName}·${w.buildingName}`,
      body: `${w.claimantName ?? '志愿者'}(${team.name})仍在办理,办完为止;如被释放或超时,将退回网格员分派`,
      link: `/pages/wish/index?id=${w.id}`,
    })),
  );
}

const INLINE_ITEMS = 90;

/**
 * B's staff accept an offer (then routing may use the team for those grids); either side's staff end it. The
 * change and its audit entries are one transaction, on the version read. Ending it ends the partner team's
 * access in B: its unclaimed wishes there go back to the grid worker's triage with the reason in their timeline
 * (one transaction each, after the end); a wish one of its volunteers already holds stays with them until done
 * (pulling work half done helps nobody), and the grid worker of its grid is told in the end's own transaction;
 * released or run out of time, such a wish goes to triage, not back to the team. Ending an ended agreement
 * changes nothing more, but finishes sending back what a failure halfway may have left.
 */
export async function decidePartnership(user: User, id: string, change: 'accept' | 'end', now: Date): Promise<Partnership> {
  const done = await optimistic('change a partner agreement', async () => {
    const p = await getPartnership(id);
    if (!p || !(staffOf(user, p.toCommunityId) || staffOf(user, p.fromCommunityId))) throw notFound('partnership');
    if (change === 'accept' && !staffOf(user, p.toCommunityId)) throw forbidden('the receiving community’s staff accept');
    if (change === 'accept' && p.status !== 'offered') throw new AppError('INVALID_TRANSITION', `this agreement is ${p.status}`);
    if (change === 'end' && p.status === 'ended') return { p, team: await getTeam(p.teamId) };
    const next: Partnership = {
      ...p,
      status: change === 'accept' ? 'accepted' : 'ended',
      acceptedBy: change === 'accept' ? { userId: user.id, name: user.name, at: now.toISOString() } : p.acceptedBy,
      version: p.version + 1,
    };
    const audit = await agreementAudit(change === 'accept' ? 'partnership.accept' : 'partnership.end', user, next, p, now);
    const team = change === 'end' ? await getTeam(p.teamId) : null;
    const notices = team ? await heldNotices((await whatEnds(p, team)).held, team) : [];
    const told = notificationWrites(notices, now.toISOString());
    const inline = audit.length + told.length <= INLINE_ITEMS;
    if (!(await savePartnership(next, p.version, [...audit, ...(inline ? told : [])]))) throw new TryAgain('the agreement changed');
    if (!inline) for (let i = 0; i < notices.length; i += 40) await deliver(notices.slice(i, i + 40), now.toISOString());
    return { p: next, team };
  });
  if (change === 'end' && done.team) {
    for (const w of (await whatEnds(done.p, done.team)).unclaimed) await sendBackFrom(w.id, done.team, now);
  }
  return done.p;
}
