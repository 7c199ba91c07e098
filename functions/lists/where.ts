import type { ListScope } from '../../shared/schemas/lists';
import type { Place } from '../../shared/schemas/places';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { readAll } from '../data/pagination';
import { allPlaces } from '../data/places';
import { inQueues, queueKey } from '../data/wishes';
import { figureScope } from '../figures/scope';

/** A list's scope as the caller reaches it (as for the figures: another one is 404), with the places under it. */
export interface ListWhere {
  scope: ListScope;
  id: string;
  name: string;
  streetId: string;
  /** The communities and grids it covers, in their order. */
  communities: Place[];
  grids: Place[];
}

const byOrder = (a: Place, b: Place) => a.order - b.order || a.id.localeCompare(b.id);

export async function listWhere(user: User, scope: ListScope, id: string): Promise<ListWhere> {
  const s = await figureScope(user, scope, id);
  const place = s.place!;
  const places = await allPlaces();
  const inside = (p: Place) => (scope === 'grid' ? p.id === id : scope === 'community' ? p.communityId === id : p.streetId === id);
  const grids = places.filter((p) => p.kind === 'grid' && inside(p)).sort(byOrder);
  const communityIds = new Set(grids.map((g) => g.communityId));
  const communities = places
    .filter((p) => p.kind === 'community' && (scope === 'street' ? p.streetId === id : communityIds.has(p.id)))
    .sort(byOrder);
  return { scope, id, name: s.name, streetId: place.streetId, communities, grids };
}

/**
 * AP 17: the open wishes of a scope, oldest first, from the queues at every level that can hold them (its grids',
 * its communities', its street's), narrowed to the scope by a filter. A wish the council holds is in no queue.
 */
export async function openWishesIn(w: ListWhere): Promise<Wish[]> {
  const queues = [
    ...w.grids.map((g) => queueKey('grid', g.id)),
    ...w.communities.map((c) => queueKey('community', c.id)),
    queueKey('street', w.streetId),
  ];
  const filter =
    w.scope === 'street'
      ? undefined
      : {
          expression: `#at = :at`,
          names: { '#at': w.scope === 'grid' ? 'gridId' : 'communityId' },
          values: { ':at': w.id },
        };
  return readAll(inQueues(queues, 'oldest', filter), 5_000);
}
