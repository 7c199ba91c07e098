import type { Category, Place } from '../schemas/places';
import type { Team } from '../schemas/teams';
import type { User } from '../schemas/users';
import type { Urgency, Wish, WishEvent } from '../schemas/wishes';

export interface NewWishInput {
  id: string;
  now: string;
  owner: Pick<User, 'id' | 'name' | 'phone' | 'home' | 'verified'>;
  /** The grid worker who filed it on the owner's behalf, when not the owner. */
  filer: Pick<User, 'id' | 'name'> | null;
  building: Place;
  category: Category;
  description: string;
  flat: string | undefined;
  urgency: Urgency;
  /** The team the routing function picked, if any. */
  team: Team | null;
}

const UNVERIFIED_NOTE = '居民身份待网格员核实,核实后再派单';

/**
 * A new wish and its first events: submitted, and routed at once when a team can do it and the resident
 * is verified. A wish of an unverified resident waits in the grid worker's triage queue, marked, so a
 * stranger's account cannot send work straight to volunteers. Pure.
 */
export function newWish(input: NewWishInput): { wish: Wish; events: WishEvent[] } {
  const { id, now, owner, filer, building, category, team } = input;
  const livesThere = owner.home?.buildingId === building.id;
  const submitted: Wish = {
    id,
    status: 'submitted',
    category: category.id,
    categoryName: category.name,
    description: input.description,
    urgency: input.urgency,
    streetId: building.streetId,
    communityId: building.communityId ?? '',
    gridId: building.gridId ?? '',
    buildingId: building.id,
    buildingName: building.name,
    flat: input.flat ?? (livesThere ? (owner.home?.flat ?? null) : null),
    ownerId: owner.id,
    ownerName: owner.name,
    contactPhone: owner.phone,
    filedBy: filer ? { userId: filer.id, name: filer.name, consentAt: now } : null,
    teamId: null,
    teamName: null,
    claimantId: null,
    claimantName: null,
    rating: null,
    comment: null,
    ownerVerified: owner.verified,
    wallConsent: 'hidden',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const actor = filer ?? owner;
  const events: WishEvent[] = [
    {
      seq: 1,
      at: now,
      action: 'submit',
      from: null,
      to: 'submitted',
      actorId: actor.id,
      actorName: actor.name,
      actorRole: filer ? 'gridWorker' : 'resident',
      onBehalf: filer !== null,
      note: [filer ? `${filer.name} 入户走访代居民提交,居民已同意` : null, owner.verified ? null : UNVERIFIED_NOTE].filter(Boolean).join(';') || null,
    },
  ];
  if (!team || !owner.verified) return { wish: submitted, events };
  const routed: Wish = { ...submitted, status: 'routed', teamId: team.id, teamName: team.name, version: 2 };
  events.push({
    seq: 2,
    at: now,
    action: 'route',
    from: 'submitted',
    to: 'routed',
    actorId: 'system',
    actorName: '自动派单',
    actorRole: 'system',
    onBehalf: false,
    note: `按「${category.name}」派给 ${team.name}`,
  });
  return { wish: routed, events };
}
