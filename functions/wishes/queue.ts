import { viewWish } from '../../shared/domain/wish-view';
import type { QueueQuery } from '../../shared/schemas/queue';
import type { Level } from '../../shared/schemas/sla';
import type { User } from '../../shared/schemas/users';
import type { WishPage } from '../../shared/schemas/wishes';
import { allPlaces } from '../data/places';
import { readPage, type Source } from '../data/pagination';
import { inQueues, queueKey } from '../data/wishes';

/**
 * The queues a manager runs: a grid worker their grids' (grid level); community staff their community's
 * escalated ones and all its grids'; street staff what was escalated to their street. Each is one
 * partition of the queue index, read by Query and merged in key order.
 */
async function queuesOf(user: User, query: QueueQuery): Promise<string[]> {
  const queues: { level: Level; place: string; gridOf?: string }[] = [];
  if (user.roles.includes('gridWorker')) queues.push(...user.gridIds.map((g) => ({ level: 'grid' as const, place: g, gridOf: g })));
  if (user.roles.includes('staff') && user.staffCommunityIds.length) {
    const grids = (await allPlaces()).filter((p) => p.kind === 'grid' && p.communityId && user.staffCommunityIds.includes(p.communityId));
    queues.push(
      ...user.staffCommunityIds.map((c) => ({ level: 'community' as const, place: c })),
      ...grids.map((g) => ({ level: 'grid' as const, place: g.id, gridOf: g.id })),
    );
  }
  if (user.roles.includes('streetStaff')) queues.push(...user.streetIds.map((s) => ({ level: 'street' as const, place: s })));
  return [
    ...new Set(
      queues
        .filter((q) => (!query.level || q.level === query.level) && (!query.gridId || q.gridOf === query.gridId || q.level !== 'grid'))
        .map((q) => queueKey(q.level, q.place)),
    ),
  ];
}

/** The filters staff choose, as one FilterExpression applied within each queue partition. */
function filterOf(query: QueueQuery): Source<never>['filter'] {
  const wanted: [attribute: string, value: string | undefined][] = [
    ['status', query.stage],
    ['category', query.category],
    ['gridId', query.gridId],
    ['sla', query.overdue],
  ];
  const set = wanted.filter((w): w is [string, string] => w[1] !== undefined);
  if (!set.length) return undefined;
  return {
    expression: set.map(([a]) => `#${a} = :${a}`).join(' AND '),
    names: Object.fromEntries(set.map(([a]) => [`#${a}`, a])),
    values: Object.fromEntries(set.map(([a, v]) => [`:${a}`, v])),
  };
}

export async function readQueue(user: User, query: QueueQuery): Promise<WishPage> {
  const queues = await queuesOf(user, query);
  const page = await readPage([inQueues(queues, query.order, filterOf(query))], query.cursor, query.limit);
  return { ...page, items: page.items.map((w) => viewWish(w, user)) };
}
