import { AppError, forbidden, notFound } from '../errors';
import { LEVELS } from '../schemas/sla';
import type { User } from '../schemas/users';
import type { ActorRole, UserAction, Wish, WishAction } from '../schemas/wishes';
import { USER_ACTIONS } from '../schemas/wishes';
import { canTransition, isHeldByClaimant } from './wish-machine';

/** The scope fields of a user that decide what they reach; a Me or a stored User both fit. */
export type Actor = Pick<User, 'id' | 'name' | 'roles' | 'gridIds' | 'staffCommunityIds' | 'teamIds' | 'streetIds'>;
type WishScope = Pick<Wish, 'streetId' | 'communityId' | 'gridId' | 'ownerId' | 'teamId' | 'claimantId' | 'status' | 'level'> &
  Partial<Pick<Wish, 'council'>>;

/** How a user stands to one wish. Roles alone are not enough: every check is on the object too. */
export interface Relation {
  owner: boolean;
  claimant: boolean;
  /** Someone holds the wish (the claimant, or another volunteer). */
  claimed: boolean;
  teamMember: boolean;
  supporter: boolean;
  gridWorker: boolean;
  staff: boolean;
  street: boolean;
  admin: boolean;
  /** The highest level the user manages this wish's place at (-1: none), and the level it is at now. */
  rank: number;
  level: number;
}

export function relationTo(actor: Actor, wish: WishScope, supporting = false): Relation {
  const has = (role: User['roles'][number]) => actor.roles.includes(role);
  const gridWorker = has('gridWorker') && actor.gridIds.includes(wish.gridId);
  const staff = has('staff') && actor.staffCommunityIds.includes(wish.communityId);
  const street = has('streetStaff') && actor.streetIds.includes(wish.streetId);
  return {
    owner: wish.ownerId === actor.id,
    claimant: wish.claimantId === actor.id,
    claimed: wish.claimantId !== null,
    teamMember: has('volunteer') && wish.teamId !== null && actor.teamIds.includes(wish.teamId),
    supporter: supporting,
    gridWorker,
    staff,
    street,
    admin: has('admin'),
    rank: street ? 2 : staff ? 1 : gridWorker ? 0 : -1,
    level: LEVELS.indexOf(wish.level),
  };
}

/** Anyone who runs the queue of the wish's place, at any level: grid worker, community or street staff. */
const manages = (r: Relation) => r.rank >= 0;
/** Those whose desk the wish is on now, or above: a wish escalated to the community is not the grid's any more. */
const atLevel = (r: Relation) => r.rank >= r.level;
/** Operators (admin) read any wish and may reject or close abuse; they do not run the queue or speak for residents. */
const moderates = (r: Relation) => atLevel(r) || r.admin;

export const canView = (r: Relation): boolean => r.owner || r.claimant || r.teamMember || r.supporter || manages(r) || r.admin;

/** Who may ask for each action, before the status is considered. The clock's own actions are nobody's. */
const MAY: Record<WishAction, (r: Relation) => boolean> = {
  route: atLevel,
  // Never one's own wish: the work, the figures and the credit are for helping someone else.
  claim: (r) => r.teamMember && !r.owner,
  release: (r) => r.claimant,
  start: (r) => r.claimant,
  complete: (r) => r.claimant,
  confirm: (r) => r.owner || manages(r),
  dispute: (r) => r.owner || manages(r),
  reject: moderates,
  close: moderates,
  // The claimant, or while nobody holds it, any member of the team it was routed to.
  send_back: (r) => r.claimant || (r.teamMember && !r.claimed),
  resolve: atLevel,
  escalate: (r) => atLevel(r) && r.level < LEVELS.length - 1,
  send_down: (r) => atLevel(r) && r.level > 0,
  extend_lease: (r) => r.claimant,
  extend_deadline: atLevel,
  merge: atLevel,
  expire_lease: () => false,
  auto_confirm: () => false,
};

/** Resident actions that a grid worker or staff member may take for the resident, with consent. */
const ON_BEHALF_ACTIONS: readonly WishAction[] = ['confirm', 'dispute'];
export const actsOnBehalf = (action: WishAction, r: Relation): boolean => ON_BEHALF_ACTIONS.includes(action) && !r.owner && manages(r);

const VOLUNTEER_ACTIONS: readonly WishAction[] = ['claim', 'release', 'start', 'complete', 'extend_lease', 'send_back'];

/** The capacity in which the actor acts, as recorded in the timeline. */
export function actingRole(action: WishAction, r: Relation): ActorRole {
  if ((action === 'confirm' || action === 'dispute') && r.owner) return 'resident';
  if (VOLUNTEER_ACTIONS.includes(action) && (r.claimant || r.teamMember)) return 'volunteer';
  if (r.street) return 'streetStaff';
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
  if (wish.council?.paused) {
    throw new AppError('INVALID_TRANSITION', "this wish is with the residents' council (居民议事会) until the council gives it back");
  }
  return r;
}

/** The volunteer who holds the wish claims it again (a retry): not a conflict, the claim stands. */
export const isRepeatedClaim = (actor: Actor, wish: WishScope): boolean => wish.claimantId === actor.id && isHeldByClaimant(wish.status);

export function allowedActions(actor: Actor, wish: WishScope): UserAction[] {
  const r = relationTo(actor, wish);
  if (!canView(r) || wish.council?.paused) return [];
  return USER_ACTIONS.filter((a) => MAY[a](r) && canTransition(wish.status, a));
}
