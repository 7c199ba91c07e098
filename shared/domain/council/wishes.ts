import { AppError } from '../../errors';
import type { Topic } from '../../schemas/council';
import type { ActorRole, Wish, WishEvent } from '../../schemas/wishes';
import { limitEnd, withClock, type ClockContext } from '../sla';
import { isAwaitingClaim, isAwaitingTriage, isOpen } from '../wish-machine';

/**
 * What the residents' council does to the wishes it takes up, as transitions of those wishes with an event in
 * their own timeline. Raised (转入居民议事会): back to `submitted`, out of any team's inbox and the triage queues,
 * clocks stopped. Given back — the topic declined, or made a task — its clocks start again from that moment
 * (a new deadline for the work), never from where they stood weeks before. Ended with the topic: closed with
 * the council's decision as the reason. Pure.
 */
export interface CouncilActor {
  id: string;
  name: string;
  role: ActorRole;
}

export interface WishMove {
  wish: Wish;
  event: WishEvent;
}

const event = (before: Wish, after: Wish, action: WishEvent['action'], actor: CouncilActor, at: string, note: string): WishEvent => ({
  seq: after.version,
  at,
  action,
  from: before.status,
  to: after.status,
  actorId: actor.id,
  actorName: actor.name,
  actorRole: actor.role,
  onBehalf: false,
  note,
});

/** Whether a wish may be raised to a topic: open and not yet taken by a volunteer, not held by another topic. */
export function assertRaisable(w: Wish): void {
  if (w.council?.paused) throw new AppError('INVALID_TRANSITION', `wish ${w.id} is already with a council topic`);
  if (!isOpen(w.status) || !(isAwaitingTriage(w.status) || isAwaitingClaim(w.status))) {
    throw new AppError('INVALID_TRANSITION', `wish ${w.id} is ${w.status}: only wishes no volunteer has taken yet can go to the council`);
  }
}

export function raiseWish(w: Wish, topic: Pick<Topic, 'id' | 'title'>, actor: CouncilActor, at: string, clock: ClockContext): WishMove {
  assertRaisable(w);
  const next = withClock(
    {
      ...w,
      status: 'submitted' as const,
      teamId: null,
      teamName: null,
      routedAt: null,
      council: { topicId: topic.id, paused: true },
      updatedAt: at,
      version: w.version + 1,
    },
    { ...clock, now: Date.parse(at) },
  );
  return { wish: next, event: event(w, next, 'council', actor, at, `转入居民议事会:「${topic.title}」,议事期间暂停计时`) };
}

/** The council gives a wish back: to triage, its clocks running again from now. */
export function returnWish(w: Wish, actor: CouncilActor, at: string, clock: ClockContext, note: string): WishMove {
  const now = Date.parse(at);
  const next = withClock(
    {
      ...w,
      council: w.council ? { ...w.council, paused: false } : null,
      triageSince: at,
      doneBy: new Date(limitEnd(now, clock.limits.done[w.urgency], clock.calendar)).toISOString(),
      updatedAt: at,
      version: w.version + 1,
    },
    { ...clock, now },
  );
  return { wish: next, event: event(w, next, 'council_return', actor, at, note) };
}

/** The council ends a wish it decided on (never silently): closed unfixed, with the decision as the reason. */
export function closeWishForCouncil(w: Wish, actor: CouncilActor, at: string, clock: ClockContext, reason: string): WishMove {
  const next = withClock(
    {
      ...w,
      status: 'closed_unfixed' as const,
      council: w.council ? { ...w.council, paused: false } : null,
      leaseUntil: null,
      updatedAt: at,
      version: w.version + 1,
    },
    { ...clock, now: Date.parse(at) },
  );
  return { wish: next, event: event(w, next, 'close', actor, at, `居民议事会决定:${reason}`) };
}

/** The wish is still held by this topic (raised, not yet given back). */
export const heldBy = (w: Wish | null, topicId: string): w is Wish => !!w && w.council?.topicId === topicId && w.council.paused;
