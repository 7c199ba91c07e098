import { beijingMonth } from '../../shared/domain/beijing-time';
import { isOpen } from '../../shared/domain/wish-machine';
import type { ListsQuery, ProblemReason, ProblemsList } from '../../shared/schemas/lists';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { topicsOf } from '../data/council/topics';
import { figureEntries } from '../data/figures';
import { readAll } from '../data/pagination';
import { getWishes } from '../data/wishes';
import { figureWish } from '../figures/read';
import { listWhere, openWishesIn } from './where';

/** The steps at which a topic still holds the wishes raised to it. */
const COUNCIL_HOLDS = new Set(['collecting', 'drafting', 'noticed', 'applying', 'published']);

/**
 * 问题清单: what is stuck in the scope — open wishes past a deadline now (red), sent up a level (by hand or by the
 * clock), sent back by two or more teams, disputed by their resident (in their month's 返工率 list), and those the
 * residents' council holds (from the community's topics). Each wish once, with every reason it is there.
 */
export async function readProblems(user: User, q: ListsQuery): Promise<ProblemsList> {
  const where = await listWhere(user, q.scope, q.id);
  const [open, topics] = await Promise.all([openWishesIn(where), readAll(topicsOf(where.communities.map((c) => c.id)), 500)]);

  // Disputed at least once: the numerator of 返工率 in the months the open wishes were submitted in.
  const months = [...new Set(open.map((w) => beijingMonth(Date.parse(w.createdAt))))];
  const disputed = new Set(
    (await Promise.all(months.map((m) => readAll(figureEntries(where.scope, where.id, m, 'rework', ['n']), 5_000)))).flatMap((entries) =>
      entries.map((e) => e.wishId),
    ),
  );

  // Held by the council: the wishes of its open topics that are still open and paused.
  const holding = topics.filter((t) => COUNCIL_HOLDS.has(t.step) && t.wishIds.length);
  const topicOf = new Map(holding.flatMap((t) => t.wishIds.map((id) => [id, { id: t.id, title: t.title }] as const)));
  const inScope = (w: Wish) =>
    where.scope === 'grid' ? w.gridId === where.id : where.scope === 'community' ? w.communityId === where.id : true;
  const held = (await getWishes([...topicOf.keys()])).filter((w) => isOpen(w.status) && w.council?.paused && inScope(w));

  const counts: ProblemsList['counts'] = { red: 0, escalated: 0, sentBackTwice: 0, disputed: 0, council: 0 };
  const items: ProblemsList['items'] = [];
  for (const w of [...open, ...held]) {
    const reasons: ProblemReason[] = [];
    if (w.sla === 'red') reasons.push('red');
    if (w.level !== 'grid') reasons.push('escalated');
    if (w.sentBackBy.length >= 2) reasons.push('sentBackTwice');
    if (disputed.has(w.id)) reasons.push('disputed');
    if (w.council?.paused) reasons.push('council');
    if (!reasons.length) continue;
    for (const r of reasons) counts[r] += 1;
    items.push({ ...figureWish(w), reasons, topic: w.council?.paused ? (topicOf.get(w.id) ?? null) : null });
  }
  return { scope: where.scope, id: where.id, name: where.name, counts, items };
}
