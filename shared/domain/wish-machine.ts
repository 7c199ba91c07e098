import type { WishAction, WishStatus } from '../schemas/wishes';

/**
 * The micro-wish state machine: the one place that knows which status follows which action.
 * Nobody compares status strings elsewhere; they call these predicates. `same`: the action changes
 * something else (the level, a deadline), not the status.
 */
const OPEN_BEFORE_DONE: readonly WishStatus[] = ['submitted', 'routed', 'claimed', 'in_progress'];

export const TRANSITIONS: Record<WishAction, { from: readonly WishStatus[]; to: WishStatus | 'same' }> = {
  route: { from: ['submitted', 'routed'], to: 'routed' },
  claim: { from: ['routed'], to: 'claimed' },
  release: { from: ['claimed', 'in_progress'], to: 'routed' },
  start: { from: ['claimed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'done' },
  confirm: { from: ['done'], to: 'confirmed' },
  dispute: { from: ['done'], to: 'in_progress' },
  reject: { from: ['submitted', 'routed'], to: 'rejected' },
  close: { from: OPEN_BEFORE_DONE, to: 'closed_unfixed' },
  send_back: { from: ['routed', 'claimed', 'in_progress'], to: 'submitted' },
  resolve: { from: ['submitted', 'routed'], to: 'done' },
  escalate: { from: OPEN_BEFORE_DONE, to: 'same' },
  send_down: { from: OPEN_BEFORE_DONE, to: 'same' },
  extend_lease: { from: ['claimed'], to: 'same' },
  extend_deadline: { from: OPEN_BEFORE_DONE, to: 'same' },
  merge: { from: ['submitted', 'routed'], to: 'merged' },
  expire_lease: { from: ['claimed'], to: 'routed' },
  auto_confirm: { from: ['done'], to: 'confirmed' },
};

export const canTransition = (status: WishStatus, action: WishAction): boolean => TRANSITIONS[action].from.includes(status);

export const nextStatus = (action: WishAction, current: WishStatus): WishStatus => {
  const to = TRANSITIONS[action].to;
  return to === 'same' ? current : to;
};

const TERMINAL: readonly WishStatus[] = ['confirmed', 'closed_unfixed', 'rejected', 'merged'];
const HELD_BY_CLAIMANT: readonly WishStatus[] = ['claimed', 'in_progress', 'done'];
const ACTIVE_CLAIM: readonly WishStatus[] = ['claimed', 'in_progress'];

export const isTerminal = (status: WishStatus): boolean => TERMINAL.includes(status);
export const isOpen = (status: WishStatus): boolean => !isTerminal(status);
/** Fulfilled means the resident confirmed it; a wish closed unfixed is never counted as solved. */
export const isFulfilled = (status: WishStatus): boolean => status === 'confirmed';
export const isAwaitingTriage = (status: WishStatus): boolean => status === 'submitted';
export const isAwaitingClaim = (status: WishStatus): boolean => status === 'routed';
/** Claimed, not started yet: the claimant's lease (the time to start it) is running. */
export const isAwaitingStart = (status: WishStatus): boolean => status === 'claimed';
/** A volunteer holds the wish: nobody else may claim it. */
export const isHeldByClaimant = (status: WishStatus): boolean => HELD_BY_CLAIMANT.includes(status);
/** The volunteer is working on it (not yet done): it counts against their cap and their team's. */
export const isActiveClaim = (status: WishStatus): boolean => ACTIVE_CLAIM.includes(status);
export const isAwaitingConfirmation = (status: WishStatus): boolean => status === 'done';
/** Joined to another wish about the same thing: it counts in that one, never twice. */
export const isMerged = (status: WishStatus): boolean => status === 'merged';
export const isRejected = (status: WishStatus): boolean => status === 'rejected';
/** Ended without a fix (结束, 未解决): never counted as solved. */
export const isClosedUnfixed = (status: WishStatus): boolean => status === 'closed_unfixed';
/** The work is finished: done and waiting for the resident, or confirmed. */
export const isWorkDone = (status: WishStatus): boolean => isAwaitingConfirmation(status) || isFulfilled(status);
