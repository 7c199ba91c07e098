import type { WishAction, WishStatus } from '../schemas/wishes';

/**
 * The micro-wish state machine: the one place that knows which status follows which action.
 * Nobody compares status strings elsewhere; they call these predicates.
 */
export const TRANSITIONS: Record<WishAction, { from: readonly WishStatus[]; to: WishStatus }> = {
  route: { from: ['submitted', 'routed'], to: 'routed' },
  claim: { from: ['routed'], to: 'claimed' },
  release: { from: ['claimed', 'in_progress'], to: 'routed' },
  start: { from: ['claimed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'done' },
  confirm: { from: ['done'], to: 'confirmed' },
  dispute: { from: ['done'], to: 'in_progress' },
  reject: { from: ['submitted', 'routed'], to: 'rejected' },
  close: { from: ['submitted', 'routed', 'claimed', 'in_progress'], to: 'closed_unfixed' },
};

export const canTransition = (status: WishStatus, action: WishAction): boolean =>
  TRANSITIONS[action].from.includes(status);

export const nextStatus = (action: WishAction): WishStatus => TRANSITIONS[action].to;

const TERMINAL: readonly WishStatus[] = ['confirmed', 'closed_unfixed', 'rejected'];
const HELD_BY_CLAIMANT: readonly WishStatus[] = ['claimed', 'in_progress', 'done'];

export const isTerminal = (status: WishStatus): boolean => TERMINAL.includes(status);
export const isOpen = (status: WishStatus): boolean => !isTerminal(status);
/** Fulfilled means the resident confirmed it; a wish closed unfixed is never counted as solved. */
export const isFulfilled = (status: WishStatus): boolean => status === 'confirmed';
export const isAwaitingTriage = (status: WishStatus): boolean => status === 'submitted';
export const isAwaitingClaim = (status: WishStatus): boolean => status === 'routed';
/** A volunteer holds the wish: nobody else may claim it. */
export const isHeldByClaimant = (status: WishStatus): boolean => HELD_BY_CLAIMANT.includes(status);
export const isAwaitingConfirmation = (status: WishStatus): boolean => status === 'done';
