import { figuresOf, monthsUpTo, sumTallies, type Tally } from '../../shared/domain/figures';
import { mayOpenFigureWish } from '../../shared/domain/figures-access';
import { maskName } from '../../shared/domain/wish-view';
import { notFound } from '../../shared/errors';
import type {
  Comparison,
  CompareQuery,
  FigureWish,
  FigureWishesQuery,
  FigureWishPage,
  FiguresQuery,
  FiguresView,
  PublicFigures,
  PublicFiguresQuery,
  Trend,
  TrendQuery,
} from '../../shared/schemas/figures';
import type { Place } from '../../shared/schemas/places';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { readableCommunities } from '../auth/scope';
import { cellCounters, type CounterRow, figureEntries, getCounter, gridCountersIn } from '../data/figures';
import { readPage } from '../data/pagination';
import { allPlaces, getPlace } from '../data/places';
import { getWishes } from '../data/wishes';
import { figureScope, monthOr, type ResolvedScope } from './scope';

/**
 * Reading figures: a grid's or team's month is one counter item; a community's or street's is the sum of its grids'
 * counters, read in one Query of an index. Never a read of the month's wishes.
 */

/** The tallies of a scope for the months from `from` to `to`, by month. */
export async function talliesOf(s: Pick<ResolvedScope, 'scope' | 'id'>, from: string, to: string): Promise<Map<string, Tally>> {
  if (from === to && (s.scope === 'grid' || s.scope === 'team')) {
    const row = await getCounter(s.scope, s.id, from);
    return new Map(row ? [[from, row.tally]] : []);
  }
  const rows: CounterRow[] =
    s.scope === 'grid' || s.scope === 'team' ? await cellCounters(s.scope, s.id, from, to) : await gridCountersIn(s.scope, s.id, from, to);
  const byMonth = new Map<string, Tally[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r.tally]);
  return new Map([...byMonth].map(([m, t]) => [m, sumTallies(t)]));
}

const view = (s: Pick<ResolvedScope, 'scope' | 'id' | 'name'>, month: string, tally: Tally | undefined): FiguresView => ({
  scope: s.scope,
  id: s.id,
  name: s.name,
  month,
  ...figuresOf(tally ?? {}),
});

/** `GET /figures`. */
export async function readFigures(user: User, q: FiguresQuery, now: Date): Promise<FiguresView> {
  const s = await figureScope(user, q.scope, q.id);
  const month = monthOr(q.month, now);
  return view(s, month, (await talliesOf(s, month, month)).get(month));
}

/** `GET /figures/public`: a community the caller belongs to or lives in, its counts and three rates. */
export async function readPublicFigures(user: User, q: PublicFiguresQuery, now: Date): Promise<PublicFigures> {
  const readable = await readableCommunities(user);
  const communityId = q.communityId ?? user.home?.communityId ?? readable[0];
  const place = communityId && readable.includes(communityId) ? await getPlace(communityId) : null;
  if (place?.kind !== 'community') throw notFound('community');
  const month = monthOr(q.month, now);
  const { figures, counts } = figuresOf((await talliesOf({ scope: 'community', id: place.id }, month, month)).get(month) ?? {});
  return {
    communityId: place.id,
    name: place.name,
    month,
    rates: { response: figures.response.rate, resolution: figures.resolution.rate, satisfaction: figures.satisfaction.rate },
    counts,
  };
}

/** `GET /figures/trend`: the months up to the one asked, oldest first, empty months as zeros. */
export async function readTrend(user: User, q: TrendQuery, now: Date): Promise<Trend> {
  const s = await figureScope(user, q.scope, q.id);
  const months = monthsUpTo(monthOr(q.month, now), q.months);
  const tallies = await talliesOf(s, months[0], months.at(-1)!);
  return {
    scope: s.scope,
    id: s.id,
    name: s.name,
    items: months.map((month) => ({ month, ...figuresOf(tallies.get(month) ?? {}) })),
  };
}

const byOrder = (a: Place, b: Place) => a.order - b.order || a.id.localeCompare(b.id);

/** The grids of a community or of a street, in their order (the place tree: a few dozen items). */
export async function gridsUnder(scope: 'community' | 'street', id: string): Promise<Place[]> {
  return (await allPlaces())
    .filter((p) => p.kind === 'grid' && (scope === 'community' ? p.communityId === id : p.streetId === id))
    .sort(byOrder);
}

/** `GET /figures/compare`: a community's grids, or a street's communities, side by side (every one, zeros too). */
export async function readComparison(user: User, q: CompareQuery, now: Date): Promise<Comparison> {
  const s = await figureScope(user, q.scope, q.id);
  const month = monthOr(q.month, now);
  const [places, rows] = await Promise.all([allPlaces(), gridCountersIn(q.scope, q.id, month, month)]);
  const members = places
    .filter((p) => (q.scope === 'community' ? p.kind === 'grid' && p.communityId === q.id : p.kind === 'community' && p.streetId === q.id))
    .sort(byOrder);
  const items = members.map((p) => {
    const own = rows.filter((r) => (q.scope === 'community' ? r.id === p.id : r.communityId === p.id));
    return view(
      { scope: q.scope === 'community' ? 'grid' : 'community', id: p.id, name: p.name },
      month,
      sumTallies(own.map((r) => r.tally)),
    );
  });
  return { scope: q.scope, id: s.id, name: s.name, month, items };
}

/** A wish behind a figure as a list shows it: no words, no flat, no phone, every person's name masked. */
export const figureWish = (w: Wish): FigureWish => ({
  id: w.id,
  status: w.status,
  categoryName: w.categoryName,
  buildingName: w.buildingName,
  gridId: w.gridId,
  level: w.level,
  ownerName: maskName(w.ownerName),
  teamName: w.teamName,
  claimantName: w.claimantName && maskName(w.claimantName),
  rating: w.rating,
  sla: w.sla,
  createdAt: w.createdAt,
  doneAt: w.doneAt,
  doneBy: w.doneBy,
});

const PARTS = { numerator: ['n'], missing: ['m'], denominator: ['n', 'm'] } as const;

/**
 * `GET /figures/wishes`: the wishes behind one part of a figure, or behind a count, oldest submission first, a page
 * at a time. Only those the reader may open are shown (shared/domain/figures-access.ts); the rest are counted as hidden.
 */
export async function readFigureWishes(user: User, q: FigureWishesQuery): Promise<FigureWishPage> {
  const s = await figureScope(user, q.scope, q.id);
  const source =
    q.count !== undefined
      ? figureEntries(s.scope, s.id, q.month, `c_${q.count}`, ['n'])
      : figureEntries(s.scope, s.id, q.month, q.figure ?? 'response', PARTS[q.part ?? 'denominator']);
  const page = await readPage([source], q.cursor, q.limit);
  const wishes = await getWishes(page.items.map((e) => e.wishId));
  const shown = wishes.filter((w) => mayOpenFigureWish(user, w));
  return { items: shown.map(figureWish), cursor: page.cursor, hidden: wishes.length - shown.length };
}
