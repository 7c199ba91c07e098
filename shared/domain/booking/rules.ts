import { AppError } from '../../errors';
import type { Booking, Channel } from '../../schemas/bookings';
import type { ServiceRules } from '../../schemas/services';
import type { Slot } from '../../schemas/slots';
import type { User } from '../../schemas/users';
import { effectiveQuota, type Standing } from './noshow';
import { canMove, isActive, isAssisted } from './status';
import { beijingYear, HOUR_MS, iso } from '../beijing-time';

/**
 * The rules of booking, pure: the window, the deadline, quotas, eligibility, held-back seats and who a
 * free seat belongs to. Each refusal is an AppError with the code the resident is shown.
 */
export type Resident = Pick<User, 'id' | 'name' | 'verified' | 'birthYear'> & {
  home: Pick<NonNullable<User['home']>, 'gridId' | 'communityId'>;
};
const at = (s: string) => Date.parse(s);
const refuse = (code: ConstructorParameters<typeof AppError>[0], message: string) => new AppError(code, message);

/** Held-back seats open to everyone at the release time. */
const released = (slot: Slot, nowMs: number) => nowMs >= at(slot.times.releaseAt);

/** Seats someone could take now: a booking made by a resident may not use the held-back seats before their release. */
export function seatsLeft(
  slot: Pick<Slot, 'seats' | 'booked' | 'selfBooked' | 'selfCap' | 'times'>,
  assisted: boolean,
  nowMs: number,
): number {
  const all = slot.seats - slot.booked;
  const own = assisted || nowMs >= at(slot.times.releaseAt) ? all : Math.min(all, slot.selfCap - slot.selfBooked);
  return Math.max(0, own);
}

export const canTake = (slot: Slot, assisted: boolean, nowMs: number): boolean => seatsLeft(slot, assisted, nowMs) > 0;

/** Whether the seat check of a booking's transaction must include the held-back share (selfBooked < selfCap). */
export const limitedToOwnShare = (slot: Slot, assisted: boolean, nowMs: number): boolean => !assisted && !released(slot, nowMs);

/** Eligibility is about who the resident is, so it is judged only on what a grid worker has verified. */
export function assertEligible(rules: ServiceRules, resident: Resident, startMs: number): void {
  const { minAge, gridIds } = rules.eligibility;
  if (minAge === null && gridIds.length === 0) return;
  if (!resident.verified) throw refuse('NOT_VERIFIED', 'this service has eligibility rules: a grid worker must first verify the resident');
  if (gridIds.length && !gridIds.includes(resident.home.gridId))
    throw refuse('NOT_ELIGIBLE', 'this service is for residents of other grids');
  if (minAge !== null) {
    if (resident.birthYear === null)
      throw refuse('NOT_ELIGIBLE', `this service is for residents aged ${minAge} or more: give a birth year first`);
    if (beijingYear(startMs) - resident.birthYear < minAge)
      throw refuse('NOT_ELIGIBLE', `this service is for residents aged ${minAge} or more`);
  }
}

export function assertQuota(rules: ServiceRules, used: { active: number; month: number }, standing: Standing): void {
  const caps = effectiveQuota(rules.quota, standing);
  if (used.active >= caps.active) throw refuse('QUOTA_EXCEEDED', `at most ${caps.active} booking(s) of this service at once`);
  if (used.month >= caps.perMonth) throw refuse('QUOTA_EXCEEDED', `at most ${caps.perMonth} booking(s) of this service a month`);
}

export interface BookingRequest {
  slot: Slot;
  resident: Resident;
  channel: Channel;
  existing: Booking | null;
  /** The resident's quota use for the slot's service and month. */
  used: { active: number; month: number };
  standing: Standing;
  /** Join the waiting list when full. */
  waitlist: boolean;
  /** Someone on the waiting list could take a seat this booking would take: the seat is theirs. */
  owedToWaiter: boolean;
  nowMs: number;
}

export type BookingDecision = 'book' | 'apply' | 'wait';

/**
 * What POST /bookings does for one resident and slot. Checks run in the order that tells the most:
 * a closed slot, who may book, an existing booking, the window, the quota, and only then the seats.
 * The desk (staff) may book walk-ins after the window closes, until the slot ends.
 */
export function decideBooking(r: BookingRequest): BookingDecision {
  const { slot, resident, nowMs } = r;
  const assisted = isAssisted(r.channel);
  if (slot.status === 'closed') throw refuse('SLOT_CLOSED', `this slot was cancelled: ${slot.note ?? ''}`.trim());
  if (nowMs >= at(slot.end)) throw refuse('WINDOW_CLOSED', 'this slot is over');
  assertEligible(slot.rules, resident, at(slot.start));
  if (r.existing && isActive(r.existing.status))
    throw refuse('ALREADY_BOOKED', `the resident is already ${r.existing.status} on this slot`);
  if (r.existing && !canMove(r.existing.status, 'book'))
    throw refuse('ALREADY_BOOKED', `the resident's booking of this slot is ${r.existing.status}`);
  if (nowMs < at(slot.times.opensAt)) throw refuse('WINDOW_CLOSED', `booking opens at ${slot.times.opensAt}`);
  if (slot.phase === 'applying') {
    if (nowMs >= at(slot.times.ballotClosesAt!)) throw refuse('WINDOW_CLOSED', 'applications have closed; the draw is being made');
    if (!resident.verified) throw refuse('NOT_VERIFIED', 'a ballot counts people: a grid worker must first verify the resident');
    assertQuota(slot.rules, r.used, r.standing);
    return 'apply';
  }
  if (slot.phase === 'drawing') throw refuse('WINDOW_CLOSED', 'applications have closed; the draw is being made');
  const walkIn = r.channel === 'desk';
  if (nowMs >= at(slot.times.closesAt) && !walkIn) throw refuse('WINDOW_CLOSED', `booking closed at ${slot.times.closesAt}`);
  assertQuota(slot.rules, r.used, r.standing);
  if (!r.owedToWaiter && canTake(slot, assisted, nowMs)) return 'book';
  if (!r.waitlist || nowMs >= at(slot.times.closesAt)) throw refuse('SLOT_FULL', 'no seat is left on this slot');
  if (!resident.verified) throw refuse('NOT_VERIFIED', 'waiting-list seats are offered to verified residents only');
  return 'wait';
}

/** The first one waiting who could take a seat now (the list in its order), or -1. Offers end with the window. */
export function nextInLine(slot: Slot, waiters: readonly { assisted: boolean }[], nowMs: number): number {
  if (slot.status === 'closed' || nowMs >= at(slot.times.closesAt)) return -1;
  return waiters.findIndex((w) => canTake(slot, w.assisted, nowMs));
}

/** How long an offer is held: 2 h for a resident, 12 h for one a grid worker books for; never past the window. */
export const offerUntil = (slot: Slot, assisted: boolean, nowMs: number): string =>
  iso(Math.min(nowMs + (assisted ? slot.rules.offerHours.assisted : slot.rules.offerHours.self) * HOUR_MS, at(slot.times.closesAt)));

export type CancelDecision = 'cancel' | 'decline';

/** Leaving a waiting list or declining an offer is always possible; a booking only until the deadline (staff may override). */
export function decideCancel(b: Booking, slot: Slot, staffOverride: boolean, nowMs: number): CancelDecision {
  if (b.status === 'offered') return 'decline';
  if (!canMove(b.status, 'cancel')) throw refuse('BOOKING_NOT_ACTIVE', `a booking that is ${b.status} cannot be cancelled`);
  if (b.status === 'waiting') return 'cancel';
  if (b.status === 'applied') {
    if (slot.phase !== 'applying' || nowMs >= at(slot.times.ballotClosesAt!))
      throw refuse('CANCEL_DEADLINE_PASSED', 'the list of applicants is frozen for the draw');
    return 'cancel';
  }
  if (nowMs >= at(slot.start)) throw refuse('CANCEL_DEADLINE_PASSED', 'the slot has started');
  if (nowMs >= at(slot.times.cancelBy) && !staffOverride)
    throw refuse('CANCEL_DEADLINE_PASSED', `cancellations closed at ${slot.times.cancelBy}`);
  return 'cancel';
}

export function assertAcceptable(b: Booking, nowMs: number): void {
  if (b.status !== 'offered') throw refuse('BOOKING_NOT_ACTIVE', `a booking that is ${b.status} has no offer to accept`);
  if (nowMs >= at(b.offerUntil!)) throw refuse('OFFER_EXPIRED', `the offer was held until ${b.offerUntil}`);
}

/** Check-in is open from an hour before the start until the slot ends (the end itself is too late); the roster shows the button by it. */
export const isCheckInOpen = (slot: Pick<Slot, 'start' | 'end'>, nowMs: number): boolean =>
  nowMs >= at(slot.start) - HOUR_MS && nowMs < at(slot.end);

/** The provider checks people in while check-in is open. */
export function assertCheckIn(b: Booking, slot: Slot, nowMs: number): void {
  if (b.status !== 'booked') throw refuse('BOOKING_NOT_ACTIVE', `a booking that is ${b.status} cannot be checked in`);
  if (!isCheckInOpen(slot, nowMs)) throw refuse('WINDOW_CLOSED', 'check-in is open from an hour before the start until the end');
}
