import type { Wish, WishEvent } from '../../../shared/schemas/wishes';
import { transitionsFigures, withFigureFacts } from '../figures';
import type { TransactItem } from '../transactions';
import { wishEventPut, wishPutIfUnchanged } from '../wishes';

/** DynamoDB's most items in one transaction. */
export const MAX_TRANSACTION = 100;

export interface CouncilWishMove {
  /** The wish as read. */
  before: Wish;
  wish: Wish;
  event: WishEvent;
}

/**
 * The items of wishes the council moves together (raised to a topic, given back when it is declined), for the
 * topic's transaction: each wish on the version read, its event with the facts the figures read, and the figures'
 * counters and lists moved with them (a wish raised counts in 转入议事会 of its grid and month). No wish the
 * council moves this way is held by a volunteer, so no team's load changes.
 */
export async function councilWishItems(moves: readonly CouncilWishMove[]): Promise<TransactItem[]> {
  const stored = moves.map((m) => ({ ...m, event: withFigureFacts(m.before, m.wish, m.event) }));
  const figures = await transitionsFigures(stored.map((m) => ({ previous: m.before, wish: m.wish, event: m.event })));
  return [...stored.flatMap((m) => [wishPutIfUnchanged(m.before.version, m.wish), wishEventPut(m.wish.id, m.event)]), ...figures];
}
