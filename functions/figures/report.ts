import { mayReadFigures } from '../../shared/domain/figures-access';
import { categoriesOf, figuresOf } from '../../shared/domain/figures';
import { isOnWall, toWallItem } from '../../shared/domain/wish-view';
import { invalid, notFound } from '../../shared/errors';
import type { MonthlyReport, ReportQuery } from '../../shared/schemas/figures';
import type { User } from '../../shared/schemas/users';
import { readableCommunities } from '../auth/scope';
import { figureEntries } from '../data/figures';
import { readAll } from '../data/pagination';
import { allCategories, getPlace } from '../data/places';
import { getWishes } from '../data/wishes';
import { talliesOf } from './read';
import { monthOr } from './scope';

/** How many wishes the report holds up, and how many of the month's well-rated ones it looks through for them. */
const BEST = 5;
const LOOKED_AT = 300;

/**
 * `GET /figures/report`: a community's month for its residents' wall and the noticeboard — 本月收到 N 件,解决 M 件,
 * the three rates, by category, and the best-rated confirmed wishes whose residents agreed to publish them. Its own
 * people read it (as `GET /figures/public`), and whoever reads the community's figures (staff, street staff, the
 * operator). The numbers are the community's counters (one Query of its grids); the wishes come from the month's
 * 满意率 numerator (rated 4 or 5), filtered by the residents' wall consent.
 */
export async function readReport(user: User, q: ReportQuery, now: Date): Promise<MonthlyReport> {
  const readable = await readableCommunities(user);
  const communityId = q.communityId ?? user.home?.communityId ?? readable[0] ?? user.staffCommunityIds[0];
  // Street staff and the operator have no community of their own: they name the one they want.
  if (!communityId) throw invalid('query.communityId', 'say which community: communityId');
  const place = await getPlace(communityId);
  const reaches =
    place?.kind === 'community' &&
    (readable.includes(place.id) ||
      mayReadFigures(user, { kind: 'community', id: place.id, communityId: place.id, streetId: place.streetId }));
  if (!place || !reaches) throw notFound('community');
  const month = monthOr(q.month, now);
  const [tallies, categories, entries] = await Promise.all([
    talliesOf({ scope: 'community', id: place.id }, month, month),
    allCategories(),
    readAll(figureEntries('community', place.id, month, 'satisfaction', ['n']), LOOKED_AT),
  ]);
  const tally = tallies.get(month) ?? {};
  const { figures, counts } = figuresOf(tally);
  const named = new Map(categories.map((c) => [c.id, c.name]));
  const wishes = await getWishes(entries.slice(0, LOOKED_AT).map((e) => e.wishId));
  const best = wishes
    .filter(isOnWall)
    .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, BEST)
    .map(toWallItem);
  return {
    communityId: place.id,
    name: place.name,
    month,
    received: counts.submitted,
    resolved: counts.confirmed + counts.autoConfirmed,
    rates: { response: figures.response, resolution: figures.resolution, satisfaction: figures.satisfaction },
    categories: categoriesOf(tally).map((c) => ({ ...c, categoryName: named.get(c.category) ?? c.category })),
    best,
  };
}
