import { forbidden } from '../../errors';
import type { CouncilAction, CouncilRole } from '../../schemas/council';
import type { User } from '../../schemas/users';
import { mayTake } from '../council-machine';

/**
 * How a user stands to a community's council: the roles in which they may act there (staff of the community,
 * grid worker of one of its grids, resident of it) and whether they may read its topics at all. Someone of
 * another community reads nothing: its topics answer 404, as if missing.
 */
export interface CouncilViewer {
  roles: CouncilRole[];
  reads: boolean;
  /** A resident whose home in the community was verified by its grid worker or staff. */
  verified: boolean;
}

export type CouncilUser = Pick<User, 'id' | 'roles' | 'staffCommunityIds' | 'home' | 'verified'>;

/** What the caller loads for the pure check: the communities of the user's grids and teams. */
export interface CouncilReach {
  gridCommunityIds: readonly string[];
  teamCommunityIds: readonly string[];
}

export function councilViewer(user: CouncilUser, communityId: string, reach: CouncilReach): CouncilViewer {
  const roles: CouncilRole[] = [];
  if (user.roles.includes('staff') && user.staffCommunityIds.includes(communityId)) roles.push('staff');
  if (user.roles.includes('gridWorker') && reach.gridCommunityIds.includes(communityId)) roles.push('gridWorker');
  const resident = user.roles.includes('resident') && user.home?.communityId === communityId;
  if (resident) roles.push('resident');
  return {
    roles,
    reads: roles.length > 0 || (user.roles.includes('volunteer') && reach.teamCommunityIds.includes(communityId)),
    verified: resident && user.verified,
  };
}

/** Whether the viewer runs the council's work there (staff, grid worker): they see residents' names. */
export const isOfficial = (viewer: CouncilViewer): boolean => viewer.roles.some((r) => r === 'staff' || r === 'gridWorker');

/**
 * The role in which the viewer takes an action: the first they hold, staff before grid worker before resident,
 * that may take it; else the first they hold (the machine then answers 403). Nobody with no role there acts.
 */
export function roleFor(viewer: CouncilViewer, action: CouncilAction): CouncilRole {
  const able = viewer.roles.find((r) => mayTake(r, action));
  if (able) return able;
  if (viewer.roles.length === 0) throw forbidden('only the people of this community take part in its council');
  return viewer.roles[0];
}
