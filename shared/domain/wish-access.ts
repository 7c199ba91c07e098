import { AppError, forbidden, notFound } from '../errors';
import type { User } from '../schemas/users';
import type { ActorRole, Wish, WishAction } from '../schemas/wishes';
import { WISH_ACTIONS } from '../schemas/wishes';
import { canTransition, isHeldByClaimant } from './wish-machine';

/** The scope fields of a user that decide what they reach; a Me or a stored User both fit. */
export type Actor = Pick<User, 'id' | 'name' | 'roles' | 'gridIds' | 'staffCommunityIds' | 'teamIds'>;
type WishScope = Pick<Wish, 'communityId' | 'gridId' | 'ownerId' | 'teamId' | 'claimantId' | 'status'>;

/** How a user stands to one wish. Roles alone are not enough: every check is on the object too. */
export interface Relation {
  owner: boolean;
  claimant: boolean;
  teamMember: boolean;
  gridWorker: boolean;
  staff: boolean;
  admin: boolean;
}

export function relationTo(actor: Actor, wish: WishScope): Relation {
  const has = (role: User['roles'][number]) => actor.roles.includes(role);
  return {
    owner: wish.ownerId === actor.id,
    claimant: wish.claimantId === actor.id,
    teamMember: has('volunteer') && wish.teamId !== null && actor.teamIds.includes(wish.teamId),
    gridWorker: has('gridWorker') && actor.gridIds.includes(wish.gridId),
    staff: has('staff') && actor.staffCommunityIds.includes(wish.communityId),
    admin: has('admin'),
  };
}

/** The grid worker of the wish's grid or staff of its community: the people who run the queue. */
const manages = (r: Relation) => r.gridWorker || r.staff;

/**
 * An operator (admin) supports and moderates: they may read any wish to answer a complaint, and reject
 * or close abuse with a reason. They do not run the queue (route), speak for residents (confirm,
 * dispute) or see residents' contact details (viewWish).
 */
const moderates = (r: Relation) => manages(r) || r.admin;

export const canView = (r: Relation): boolean => r.owner || r.claimant || r.teamMember || moderates(r);

/** Who may ask for each action, before the status is considered. */
const MAY: Record<WishAction, (r: Relation) => boolean> = {
  route: manages,
  claim: (r) => r.teamMember,
  release: (r) => r.claimant,
  start: (r) => r.claimant,
  complete: (r) => r.claimant,
  confirm: (r) => r.owner || manages(r),
  dispute: (r) => r.owner || manages(r),
  reject: moderates,
  close: moderates,
};

/** Resident actions that a grid worker or staff member may take for the resident, with consent. */
const ON_BEHALF_ACTIONS: readonly WishAction[] = ['confirm', 'dispute'];
export const actsOnBehalf = (action: WishAction, r: Relation): boolean =>
  ON_BEHALF_ACTIONS.includes(action) && !r.owner && manages(r);

/** The capacity in which the actor acts, as recorded in the timeline. */
export function actingRole(action: WishAction, r: Relation): ActorRole {
  if (action === 'confirm' || action === 'dispute') {
    if (r.owner) return 'resident';
  } else if (['claim', 'release', 'start', 'complete'].includes(action)) {
    return 'volunteer';
  }
  if (r.staff) return 'staff';
  if (r.gridWorker) return 'gridWorker';
  return 'admin';
}

/**
 * Throws the error the user should see, in the order that leaks nothing: an object they cannot see is
 * 404, an action their role may not take is 403, and a wrong status is 409.
 */
export function assertAllowed(action: WishAction, actor: Actor, wish: WishScope): Relation {
  const r = relationTo(actor, wish);
  if (!canView(r)) throw notFound('wish');
  if (!MAY[action](r)) throw forbidden(`you may not ${action} this wish`);
  if (action === 'claim' && isHeldByClaimant(wish.status) && !r.claimant) {
    throw new AppError('ALREADY_CLAIMED', 'another volunteer has already claimed this wish');
  }
  if (!canTransition(wish.status, action)) {
    throw new AppError('INVALID_TRANSITION', `a wish that is ${wish.status} cannot be ${action}ed`);
  }
  return r;
}

/** The volunteer who holds the wish claims it again (a retry): not a conflict, the claim stands. */
export const isRepeatedClaim = (actor: Actor, wish: WishScope): boolean => wish.claimantId === actor.id && isHeldByClaimant(wish.status);

export function allowedActions(actor: Actor, wish: WishScope): WishAction[] {
  const r = relationTo(actor, wish);
  if (!canView(r)) return [];
  return WISH_ACTIONS.filter((a) => MAY[a](r) && canTransition(wish.status, a));
}
