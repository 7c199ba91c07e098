import type { User } from '../schemas/users';
import type { Team } from '../schemas/teams';
import type { Wish } from '../schemas/wishes';
import { leadsTeam } from './teams';
import { type Actor, canView, relationTo } from './wish-access';

/** What a figure is read for: a place (with the community and street it lies in) or a team. */
export type FigureTarget =
  | { kind: 'grid' | 'community' | 'street'; id: string; communityId: string | null; streetId: string }
  | { kind: 'team'; team: Pick<Team, 'id' | 'communityId' | 'members'> };

/**
 * Who reads whose figures: a grid worker their grids; community staff their community, its grids and its teams;
 * street staff their street, its communities and their grids; a team's lead their team; the operator all. Each
 * scope counts only with its role. Anyone else: the scope does not exist for them (404). Pure.
 */
export function mayReadFigures(user: Pick<User, 'id' | 'roles' | 'gridIds' | 'staffCommunityIds' | 'streetIds'>, t: FigureTarget): boolean {
  const has = (role: User['roles'][number]) => user.roles.includes(role);
  if (has('admin')) return true;
  if (t.kind === 'team') {
    return (has('staff') && user.staffCommunityIds.includes(t.team.communityId)) || (has('volunteer') && leadsTeam(user, t.team));
  }
  const staffOf = has('staff') && t.communityId !== null && user.staffCommunityIds.includes(t.communityId);
  const streetOf = has('streetStaff') && user.streetIds.includes(t.streetId);
  switch (t.kind) {
    case 'grid':
      return (has('gridWorker') && user.gridIds.includes(t.id)) || staffOf || streetOf;
    case 'community':
      return staffOf || streetOf;
    case 'street':
      return streetOf;
  }
}

/**
 * Whether a wish behind a number is shown to its reader: one whose grid's figures they read, or one they may see
 * themselves (a team's lead sees what the team holds). A team serving several communities (融合网格) lists every
 * community's wishes; its community's staff see their own community's only. Pure.
 */
export function mayOpenFigureWish(
  user: Actor,
  wish: Pick<Wish, 'gridId' | 'communityId' | 'streetId' | 'ownerId' | 'teamId' | 'claimantId' | 'status' | 'level'>,
): boolean {
  return (
    mayReadFigures(user, { kind: 'grid', id: wish.gridId, communityId: wish.communityId, streetId: wish.streetId }) ||
    canView(relationTo(user, wish))
  );
}
