import {
  type Contribution,
  contributionOf,
  isTallyKey,
  type ListName,
  type Mark,
  sumTallies,
  type Tally,
  type TallyKey,
} from '../../shared/domain/figures';
import { COUNT_KEYS, FIGURE_KEYS } from '../../shared/schemas/figures';
import {
  type CellScope,
  countedWishesOf,
  countersOfMonth,
  dropListEntry,
  listEntriesOf,
  putCounted,
  putCounter,
  putListEntry,
  wishForFigures,
} from '../data/figures';

/**
 * Recounting a month from the wishes' timelines (`npm run figures:rebuild -- --month 2026-11`): every wish counted
 * in the month is read with its timeline and counted again by the same pure definition the writes use; the
 * counters, the drill-down lists and each wish's record of what it counts as are compared with what is stored,
 * and with `write` set to what they should be. Not a request path: it reads a month's wishes one by one. Run it
 * when nobody is writing (a change made meanwhile could be counted twice or not at all until the next run).
 */

export interface RebuildReport {
  month: string;
  wishes: number;
  /** Counters that differed: the cell, the counter, what was stored and what the timelines say. */
  counters: { cell: string; key: string; stored: number; rebuilt: number }[];
  /** List entries missing (`+`) or stray (`-`). */
  lists: { cell: string; figure: ListName; part: 'n' | 'm'; wishId: string; change: '+' | '-' }[];
  /** Wishes whose record of what they count as differed. */
  recounted: string[];
  /** The rebuilt tallies per cell (`grid#id`, `team#id`). */
  cells: Record<string, Tally>;
  written: boolean;
}

const cellName = (scope: string, id: string) => `${scope}#${id}`;

async function inBatches<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** The same contribution, whatever order the table gave its keys back in. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
const sameContribution = (a: Contribution | null, b: Contribution) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Recounts one month; `extraWishIds`: wishes of the month that were never counted (written before figures existed). */
export async function rebuildMonth(month: string, options: { write: boolean; extraWishIds?: readonly string[] }): Promise<RebuildReport> {
  const ids = [...new Set([...(await countedWishesOf(month)), ...(options.extraWishIds ?? [])])];
  const read = (await inBatches(ids, 8, wishForFigures)).filter((r) => r !== null);
  const counted = read
    .map((r) => ({ ...r, contribution: contributionOf(r.wish, r.timeline) }))
    .filter((r) => r.contribution.month === month);

  // What the timelines say: a tally and a set of marked wishes per cell.
  const cells = new Map<
    string,
    { scope: CellScope; id: string; parent: { communityId: string; streetId: string } | null; tallies: Tally[] }
  >();
  const marked = new Map<string, Map<Mark, Contribution[]>>();
  for (const { contribution: c } of counted) {
    for (const cell of c.cells) {
      const key = cellName(cell.scope, cell.id);
      const entry = cells.get(key) ?? { scope: cell.scope, id: cell.id, parent: cell.scope === 'grid' ? c : null, tallies: [] };
      entry.tallies.push(cell.tally);
      cells.set(key, entry);
      const marks = marked.get(key) ?? new Map<Mark, Contribution[]>();
      for (const m of cell.marks) marks.set(m, [...(marks.get(m) ?? []), c]);
      marked.set(key, marks);
    }
  }
  // Counters stored for cells no wish counts in any more are brought to zero.
  const stored = await countersOfMonth(month);
  for (const row of stored) {
    const key = cellName(row.scope, row.id);
    if (!cells.has(key)) {
      const parent = row.communityId && row.streetId ? { communityId: row.communityId, streetId: row.streetId } : null;
      cells.set(key, { scope: row.scope, id: row.id, parent, tallies: [] });
    }
  }

  const report: RebuildReport = {
    month,
    wishes: counted.length,
    counters: [],
    lists: [],
    recounted: [],
    cells: {},
    written: options.write,
  };
  const writes: (() => Promise<void>)[] = [];
  for (const [key, cell] of cells) {
    const rebuilt = sumTallies(cell.tallies);
    report.cells[key] = rebuilt;
    const was = stored.find((r) => cellName(r.scope, r.id) === key)?.tally ?? {};
    const keys = [...new Set([...Object.keys(was), ...Object.keys(rebuilt)])].filter(isTallyKey).sort() as TallyKey[];
    const diffs = keys.filter((k) => (was[k] ?? 0) !== (rebuilt[k] ?? 0));
    for (const k of diffs) report.counters.push({ cell: key, key: k, stored: was[k] ?? 0, rebuilt: rebuilt[k] ?? 0 });
    if (diffs.length) writes.push(() => putCounter(cell.scope, cell.id, month, rebuilt, cell.parent));
  }
  await inBatches([...cells.values()], 4, async (cell) => {
    const key = cellName(cell.scope, cell.id);
    const lists: [ListName, 'n' | 'm'][] = [
      ...FIGURE_KEYS.flatMap((f) => [[f, 'n'] as [ListName, 'n'], [f, 'm'] as [ListName, 'm']]),
      ...COUNT_KEYS.map((c) => [`c_${c}`, 'n'] as [ListName, 'n']),
    ];
    for (const [figure, part] of lists) {
      const mark = `${figure}:${part}` as Mark;
      {
        const want = marked.get(key)?.get(mark) ?? [];
        const have = await listEntriesOf(cell.scope, cell.id, month, figure, part);
        const present = new Set(have.map((e) => e.wishId));
        for (const c of want.filter((x) => !present.has(x.wishId))) {
          report.lists.push({ cell: key, figure, part, wishId: c.wishId, change: '+' });
          writes.push(() => putListEntry(cell.scope, cell.id, c, mark));
        }
        const wanted = new Set(want.map((x) => x.wishId));
        for (const e of have.filter((x) => !wanted.has(x.wishId))) {
          report.lists.push({ cell: key, figure, part, wishId: e.wishId, change: '-' });
          writes.push(() => dropListEntry(cell.scope, cell.id, month, figure, part, e.key));
        }
      }
    }
  });
  for (const r of counted) {
    if (sameContribution(r.counted, r.contribution)) continue;
    report.recounted.push(r.wish.id);
    writes.push(() => putCounted(r.contribution));
  }
  if (options.write) await inBatches(writes, 8, (w) => w());
  return report;
}
