import * as z from 'zod';
import { BookingStatus } from './booking-status';
import { Id, page, PageQuery } from './common';
import { Allocation, ServiceKind, ServiceRules } from './services';

/** `<serviceId>.<YYYYMMDDHHmm>` (Beijing): the same weekly rule on the same day is always the same slot. */
export const SlotId = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+\.\d{12}$/, 'a slot id from GET /services/{id}/slots');
export type SlotId = z.infer<typeof SlotId>;

/** A Beijing calendar date. */
export const DateOnly = z.iso.date({ message: 'YYYY-MM-DD, a day of the calendar' });

/** Every moment that matters to a slot, computed once from its rules when it is opened (ISO, UTC). */
export const SlotTimes = z.object({
  opensAt: z.string(),
  closesAt: z.string(),
  cancelBy: z.string(),
  /** When the held-back seats open to everyone. */
  releaseAt: z.string(),
  /** Ballot: when applications close and the draw is made; null for first come. */
  ballotClosesAt: z.string().nullable(),
  /** A booking not checked in by then is a no-show. */
  graceEndsAt: z.string(),
  remindAt: z.string(),
});
export type SlotTimes = z.infer<typeof SlotTimes>;

/** none: first come. A ballot slot takes applications, freezes them (drawing), then is drawn. */
export const SLOT_PHASES = ['none', 'applying', 'drawing', 'drawn'] as const;
export const SlotPhase = z.enum(SLOT_PHASES);
export type SlotPhase = z.infer<typeof SlotPhase>;

const count = z.number().int().min(0).default(0);

/**
 * A slot as stored. Its counters follow from the statuses of its bookings and change in the same
 * transaction as they do: `booked` holds every seat taken (booked, offered, checked in), `selfBooked`
 * those booked by residents themselves, which may not pass `selfCap` until the held-back seats are
 * released; `waitVersion` changes with the waiting list, so a seat is never given past someone waiting;
 * `waitJoins` counts the residents who ever joined the waiting list (a joiner's place follows from it).
 */
export const Slot = z.object({
  id: SlotId,
  serviceId: Id,
  serviceName: z.string(),
  communityId: Id,
  teamId: Id.nullable(),
  place: z.string(),
  kind: ServiceKind,
  start: z.string(),
  end: z.string(),
  seats: z.number().int().min(0),
  selfCap: z.number().int().min(0),
  booked: count,
  selfBooked: count,
  waiting: count,
  waitVersion: count,
  waitJoins: count,
  applicants: count,
  checkedIn: count,
  status: z.enum(['open', 'closed']),
  phase: SlotPhase,
  times: SlotTimes,
  rules: ServiceRules,
  /** What staff said when they changed or closed it. */
  note: z.string().nullable(),
  /** Raised by every change staff make (time, place, seats, closing): a booking decided on a slot this container remembers holds only on the same `rev`. */
  rev: z.number().int().min(0).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Slot = z.infer<typeof Slot>;

/** What a slot is to someone looking at it now. */
export const SLOT_STATES = ['upcoming', 'open', 'full', 'applying', 'drawing', 'closed', 'cancelled', 'started'] as const;
export const SlotState = z.enum(SLOT_STATES);
export type SlotState = z.infer<typeof SlotState>;

export const SlotView = z.object({
  id: SlotId,
  serviceId: Id,
  serviceName: z.string(),
  place: z.string(),
  start: z.string(),
  end: z.string(),
  allocation: Allocation,
  state: SlotState,
  seats: z.number().int(),
  booked: z.number().int(),
  /** Seats the viewer (or the resident they book for) could take now. */
  seatsLeft: z.number().int(),
  /** Seats still held back for bookings made by grid workers or the desk. */
  heldBack: z.number().int(),
  waiting: z.number().int(),
  applicants: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  cancelBy: z.string(),
  ballotClosesAt: z.string().nullable(),
  releaseAt: z.string().nullable(),
  note: z.string().nullable(),
  /** The viewer's (or the resident's) booking of this slot, if any. */
  mine: z.object({ bookingId: z.string(), status: BookingStatus }).nullable(),
});
export type SlotView = z.infer<typeof SlotView>;

export const SlotPage = page(SlotView);
export type SlotPage = z.infer<typeof SlotPage>;

export const SlotListQuery = PageQuery.extend({
  /** Beijing dates, inclusive; at most 31 days. Default: today to the end of the booking window. */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  /** A grid worker or the desk looking for a resident: `mine` is that resident's booking. */
  forResidentId: Id.optional(),
});
export type SlotListQuery = z.infer<typeof SlotListQuery>;

export const RosterQuery = PageQuery.extend({ date: DateOnly.optional() });
export type RosterQuery = z.infer<typeof RosterQuery>;

export const SlotIdPath = z.strictObject({ id: SlotId });
export const SlotServicePath = z.strictObject({ id: Id });

/** Staff change one slot: its seats, its time or place, or close it; the people booked are told why. */
export const SlotUpdateBody = z
  .strictObject({
    seats: z.number().int().min(0).max(500).optional(),
    start: z.iso.datetime({ offset: true }).optional(),
    place: z.string().trim().min(1).max(80).optional(),
    close: z.literal(true).optional(),
    reason: z.string().trim().min(2, 'say why in a few words').max(200),
  })
  .refine((b) => b.seats !== undefined || b.start !== undefined || b.place !== undefined || b.close, {
    message: 'send seats, start, place or close',
  });
export type SlotUpdateBody = z.infer<typeof SlotUpdateBody>;

export const DrawRunBody = z.strictObject({});
