import { randomUUID } from 'node:crypto';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { managesTeam } from '../../shared/domain/teams';
import type { Partnership, PartnershipOfferBody } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { getPartnership, savePartnership } from '../data/partnerships';
import { allPlaces } from '../data/places';
import { getTeam } from '../data/teams';

const staffOf = (user: User, communityId: string) => user.roles.includes('staff') && user.staffCommunityIds.includes(communityId);

/** Community A's staff offer one of A's teams, for some of its skills, to grids of community B. */
export async function offer(user: User, body: PartnershipOfferBody, now: Date): Promise<Partnership> {
  const team = await getTeam(body.teamId);
  if (!team) throw invalid('body.teamId', 'no such team');
  if (!managesTeam(user, team)) throw forbidden('staff offer their own community’s teams');
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
  await savePartnership(p, null);
  return p;
}

/** B's staff accept an offer (then routing may use the team for those grids); either side's staff end it. */
export async function decidePartnership(user: User, id: string, change: 'accept' | 'end', now: Date): Promise<Partnership> {
  const p = await getPartnership(id);
  if (!p || !(staffOf(user, p.toCommunityId) || staffOf(user, p.fromCommunityId))) throw notFound('partnership');
  if (change === 'accept' && !staffOf(user, p.toCommunityId)) throw forbidden('the receiving community’s staff accept');
  if (change === 'accept' && p.status !== 'offered') throw new AppError('INVALID_TRANSITION', `this agreement is ${p.status}`);
  if (change === 'end' && p.status === 'ended') return p;
  const next: Partnership = {
    ...p,
    status: change === 'accept' ? 'accepted' : 'ended',
    acceptedBy: change === 'accept' ? { userId: user.id, name: user.name, at: now.toISOString() } : p.acceptedBy,
    version: p.version + 1,
  };
  if (!(await savePartnership(next, p.version))) throw new AppError('INVALID_TRANSITION', 'the agreement changed meanwhile; reload');
  return next;
}
