import type { Booking, BookingStatus, Channel } from '../../schemas/bookings';

/**
 * The booking state machine: which status follows which action, and what each status holds: a seat
 * on the slot, a place in the resident's quota. The slot's counters and the quota follow from status
 * changes alone (`slotDelta`, `quotaDelta`), so they can never disagree with the bookings.
 */
export const BOOKING_ACTIONS = [
  'book',
  'apply',
  'wait',
  'win',
  'lose',
  'offer',
  'accept',
  'decline',
  'expire',
  'cancel',
  'check_in',
  'no_show',
] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

const RELEASED: readonly BookingStatus[] = ['cancelled', 'declined', 'expired'];

export const MOVES: Record<BookingAction, { from: readonly (BookingStatus | null)[]; to: BookingStatus }> = {
  book: { from: [null, ...RELEASED], to: 'booked' },
  apply: { from: [null, ...RELEASED], to: 'applied' },
  wait: { from: [null, ...RELEASED], to: 'waiting' },
  win: { from: ['applied'], to: 'booked' },
  lose: { from: ['applied'], to: 'waiting' },
  offer: { from: ['waiting'], to: 'offered' },
  accept: { from: ['offered'], to: 'booked' },
  decline: { from: ['offered'], to: 'declined' },
  expire: { from: ['offered'], to: 'expired' },
  cancel: { from: ['applied', 'booked', 'waiting'], to: 'cancelled' },
  check_in: { from: ['booked'], to: 'checked_in' },
  no_show: { from: ['booked'], to: 'no_show' },
};

export const canMove = (from: BookingStatus | null, action: BookingAction): boolean => MOVES[action].from.includes(from);

/** Still in play: an application, a booking, a place on the waiting list, an offer. */
export const isActive = (s: BookingStatus): boolean => s === 'applied' || s === 'booked' || s === 'waiting' || s === 'offered';
/** Gone without a trace on the slot: the resident may ask for it again. */
export const isReleased = (s: BookingStatus): boolean => RELEASED.includes(s);
/** Holds one of the slot's seats. An offer holds it for the resident it is made to. */
export const holdsSeat = (s: BookingStatus | null): boolean => s === 'booked' || s === 'offered' || s === 'checked_in';
/** Counts against "at most N at once": an application or a booking still to come. */
const holdsQuota = (s: BookingStatus | null): boolean => s === 'applied' || s === 'booked';
/** Counts against "at most K a month": used, whether attended or missed; given back when cancelled in time. */
const usesMonth = (s: BookingStatus | null): boolean => s === 'applied' || s === 'booked' || s === 'checked_in' || s === 'no_show';

export const isAssisted = (channel: Channel): boolean => channel !== 'self';

export interface SlotDelta {
  booked: number;
  selfBooked: number;
  waiting: number;
  applicants: number;
  checkedIn: number;
  /** Residents who joined the waiting list themselves (not drawn applicants put on it): with `waiting`, it tells a joiner their place. */
  waitJoins: number;
  /** Any change of the waiting list: a condition on it keeps seats from passing anyone waiting. */
  waitVersion: number;
}

const n = (b: boolean) => (b ? 1 : 0);

export function slotDelta(from: BookingStatus | null, to: BookingStatus, assisted: boolean): SlotDelta {
  const seat = n(holdsSeat(to)) - n(holdsSeat(from));
  const waiting = n(to === 'waiting') - n(from === 'waiting');
  return {
    booked: seat,
    selfBooked: assisted ? 0 : seat,
    waiting,
    applicants: n(to === 'applied') - n(from === 'applied'),
    checkedIn: n(to === 'checked_in') - n(from === 'checked_in'),
    waitJoins: n(to === 'waiting' && from !== 'waiting' && from !== 'applied'),
    waitVersion: waiting === 0 ? 0 : 1,
  };
}

export const addDeltas = (a: SlotDelta, b: SlotDelta): SlotDelta => ({
  booked: a.booked + b.booked,
  selfBooked: a.selfBooked + b.selfBooked,
  waiting: a.waiting + b.waiting,
  applicants: a.applicants + b.applicants,
  checkedIn: a.checkedIn + b.checkedIn,
  waitJoins: a.waitJoins + b.waitJoins,
  waitVersion: Math.min(1, a.waitVersion + b.waitVersion),
});

export const quotaDelta = (from: BookingStatus | null, to: BookingStatus): { active: number; month: number } => ({
  active: n(holdsQuota(to)) - n(holdsQuota(from)),
  month: n(usesMonth(to)) - n(usesMonth(from)),
});

/** The slot's counters after a delta (to decide, before writing, who the freed seat goes to). */
export const applyDelta = <S extends Record<keyof SlotDelta, number>>(slot: S, d: SlotDelta): S => ({
  ...slot,
  booked: slot.booked + d.booked,
  selfBooked: slot.selfBooked + d.selfBooked,
  waiting: slot.waiting + d.waiting,
  applicants: slot.applicants + d.applicants,
  checkedIn: slot.checkedIn + d.checkedIn,
  waitJoins: slot.waitJoins + d.waitJoins,
  waitVersion: slot.waitVersion + d.waitVersion,
});

/** A change that keeps the status (a reminder sent, a no-show excused), with a history line when there is something to say. */
export function annotate(b: Booking, nowIso: string, note: string | null, patch: Partial<Booking> = {}): Booking {
  const history = note === null ? b.history : [...b.history, { at: nowIso, status: b.status, note }].slice(-40);
  return { ...b, ...patch, updatedAt: nowIso, version: b.version + 1, history };
}

/** The booking after an action, with a line in its history. Throws nothing: callers check `canMove` first. */
export function moveTo(b: Booking, action: BookingAction, nowIso: string, note: string | null, patch: Partial<Booking> = {}): Booking {
  const to = MOVES[action].to;
  return {
    ...b,
    ...patch,
    status: to,
    updatedAt: nowIso,
    version: b.version + 1,
    history: [...b.history, { at: nowIso, status: to, note }].slice(-40),
  };
}
