import type { CreditEntry, CreditPoints } from '../schemas/credits';
import type { Wish } from '../schemas/wishes';
import { isFulfilled } from './wish-machine';

/** The points table until the operator sets one: a repair is worth more than a call, a call-back earns nothing (staff do it). */
export const DEFAULT_CREDIT_POINTS: CreditPoints = {
  points: {
    'cat-electric': 10,
    'cat-appliance': 10,
    'cat-plumbing': 10,
    'cat-lock': 8,
    'cat-public-light': 10,
    'cat-safety': 8,
    'cat-visit': 5,
    'cat-other': 5,
    'cat-callback': 0,
  },
  fallback: 5,
};

export const pointsFor = (table: CreditPoints, categoryId: string): number => table.points[categoryId] ?? table.fallback;

/**
 * The entry a transition earns its claimant: one when a wish becomes confirmed (by its resident, on their
 * behalf, or automatically after a week) and a volunteer did it; a wish solved by staff, or disputed and not
 * yet confirmed, earns nothing. Pure.
 */
export function creditFor(
  previous: Pick<Wish, 'status'>,
  wish: Pick<Wish, 'id' | 'status' | 'claimantId' | 'ownerId' | 'teamId' | 'category' | 'categoryName'>,
  at: string,
  table: CreditPoints,
): CreditEntry | null {
  if (isFulfilled(previous.status) || !isFulfilled(wish.status) || !wish.claimantId || wish.claimantId === wish.ownerId) return null;
  return {
    id: `task-${wish.id}`,
    userId: wish.claimantId,
    kind: 'task',
    points: pointsFor(table, wish.category),
    wishId: wish.id,
    teamId: wish.teamId,
    categoryId: wish.category,
    categoryName: wish.categoryName,
    note: `完成「${wish.categoryName}」心愿`,
    reverses: null,
    by: null,
    at,
  };
}

/** The entry that undoes another (the operator removing abuse): the same points, negative; the original stays. */
export const reversalOf = (entry: CreditEntry, by: { userId: string; name: string }, reason: string, at: string): CreditEntry => ({
  ...entry,
  id: `reversal-${entry.wishId}`,
  kind: 'reversal',
  points: -entry.points,
  note: `撤销:${reason}`,
  reverses: entry.id,
  by,
  at,
});
