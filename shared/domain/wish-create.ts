import type { Category, Place } from '../schemas/places';
import type { Candidate } from '../schemas/queue';
import type { Team } from '../schemas/teams';
import type { User } from '../schemas/users';
import type { Urgency, Wish, WishEvent, WishKind } from '../schemas/wishes';
import { routeNote } from './routing';
import { limitEnd, withClock, type ClockContext } from './sla';

export interface NewWishInput {
  id: string;
  now: string;
  owner: Pick<User, 'id' | 'name' | 'phone' | 'home' | 'verified'>;
  /** The grid worker who filed it on the owner's behalf, when not the owner. */
  filer: Pick<User, 'id' | 'name'> | null;
  building: Place;
  category: Category;
  kind: WishKind;
  description: string;
  flat: string | undefined;
  urgency: Urgency;
  shared: boolean;
  /** The team routing chose, with its ranking, or why none was. */
  route: { team: Team; candidate: Candidate } | { none: string };
  clock: ClockContext;
}

const UNVERIFIED_NOTE = '居民身份待网格员核实,核实后再派单';
const CALLBACK_NOTE = '居民希望网格员回电话';

/**
 * A new wish and its first events: submitted, and routed at once when a team can do it and the resident
 * is verified. A wish of an unverified resident waits in the grid worker's triage queue, marked, so a
 * stranger's account cannot send work straight to volunteers; so does a call-back (请回电), on the clock
 * of an urgent wish. Its clocks start now. Pure.
 */
export function newWish(input: NewWishInput): { wish: Wish; events: WishEvent[] } {
  const { id, now, owner, filer, building, category, clock } = input;
  const livesThere = owner.home?.buildingId === building.id;
  const urgency: Urgency = input.kind === 'callback' ? 'urgent' : input.urgency;
  const routed = 'team' in input.route && owner.verified && input.kind === 'wish' ? input.route : null;
  const submitted: Wish = {
    id,
    status: 'submitted',
    category: category.id,
    categoryName: category.name,
    description: input.description || CALLBACK_NOTE,
    urgency,
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
    claimantNameOnWall: false,
    rating: null,
    comment: null,
    ownerVerified: owner.verified,
    kind: input.kind,
    shared: input.shared,
    level: 'grid',
    supporters: 0,
    triageSince: now,
    routedAt: null,
    claimedAt: null,
    doneAt: null,
    leaseUntil: null,
    leaseExtended: false,
    doneBy: new Date(limitEnd(Date.parse(now), clock.limits.done[urgency], clock.calendar)).toISOString(),
    sla: 'ok',
    deadline: null,
    dueAt: null,
    escalated: [],
    sentBackBy: [],
    routingNote: routed
      ? routeNote(routed.candidate)
      : input.kind === 'callback'
        ? CALLBACK_NOTE
        : !owner.verified
          ? UNVERIFIED_NOTE
          : 'none' in input.route
            ? input.route.none
            : null,
    mergedInto: null,
    wallConsent: 'hidden',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const actor = filer ?? owner;
  const notes = [
    filer ? `${filer.name} 入户走访代居民提交,居民已同意` : null,
    input.kind === 'callback' ? CALLBACK_NOTE : null,
    owner.verified ? null : UNVERIFIED_NOTE,
    !routed && owner.verified && input.kind === 'wish' ? submitted.routingNote : null,
  ].filter(Boolean);
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
      note: notes.join(';') || null,
    },
  ];
  if (!routed) return { wish: withClock(submitted, clock), events };
  const wish: Wish = { ...submitted, status: 'routed', teamId: routed.team.id, teamName: routed.team.name, routedAt: now, version: 2 };
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
    note: routeNote(routed.candidate),
  });
  return { wish: withClock(wish, clock), events };
}
