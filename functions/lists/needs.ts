import type { ListsQuery, NeedsList } from '../../shared/schemas/lists';
import type { User } from '../../shared/schemas/users';
import { figureWish } from '../figures/read';
import { listWhere, openWishesIn } from './where';

/**
 * 需求清单: what the scope's residents need now — its open wishes in the queues, by category and grid, the
 * categories with the most first. Each row carries its wishes (names masked), so a tap opens them.
 */
export async function readNeeds(user: User, q: ListsQuery): Promise<NeedsList> {
  const where = await listWhere(user, q.scope, q.id);
  const wishes = await openWishesIn(where);
  const gridName = new Map(where.grids.map((g) => [g.id, g.name]));
  const rows = new Map<string, NeedsList['rows'][number]>();
  for (const w of wishes) {
    const key = `${w.category}#${w.gridId}`;
    const row = rows.get(key) ?? {
      category: w.category,
      categoryName: w.categoryName,
      gridId: w.gridId,
      gridName: gridName.get(w.gridId) ?? w.gridId,
      open: 0,
      red: 0,
      urgent: 0,
      oldest: w.createdAt,
      wishes: [],
    };
    row.open += 1;
    if (w.sla === 'red') row.red += 1;
    if (w.urgency === 'urgent') row.urgent += 1;
    if (w.createdAt < row.oldest) row.oldest = w.createdAt;
    row.wishes.push(figureWish(w));
    rows.set(key, row);
  }
  const order = new Map(where.grids.map((g, i) => [g.id, i]));
  const byCategory = new Map<string, number>();
  for (const r of rows.values()) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.open);
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (byCategory.get(b.category) ?? 0) - (byCategory.get(a.category) ?? 0) ||
      a.category.localeCompare(b.category) ||
      (order.get(a.gridId) ?? 0) - (order.get(b.gridId) ?? 0),
  );
  return { scope: where.scope, id: where.id, name: where.name, total: wishes.length, rows: sorted };
}
