import * as z from 'zod';
import { Id, page, PageQuery } from './common';
import { BookingStatus } from './booking-status';
import { SlotId } from './slots';

export { BOOKING_STATUSES, BookingStatus } from './booking-status';

/** Who asked: the resident on their phone, their grid worker, or staff at the service desk. */
export const CHANNELS = ['self', 'grid_worker', 'desk'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** `<slotId>.<residentId>`: the booking's key is its id, so no index is needed to find it. */
export const BookingId = z
  .string()
  .max(170)
  .regex(/^[A-Za-z0-9_-]+\.\d{12}\.[A-Za-z0-9_-]+$/, 'a booking id from GET /bookings');

export const BookingStep = z.object({
  at: z.string(),
  status: BookingStatus,
  /** In the resident's language: 由网格员孙丽代为预约,居民已同意. */
  note: z.string().nullable(),
});
export type BookingStep = z.infer<typeof BookingStep>;

/**
 * A resident's place on one slot, through its whole life: one item per slot and resident, so nobody
 * holds two places on a slot, whoever asked for them and through whichever channel.
 */
export const Booking = z.object({
  id: BookingId,
  slotId: SlotId,
  serviceId: Id,
  serviceName: z.string(),
  communityId: Id,
  place: z.string(),
  start: z.string(),
  end: z.string(),
  residentId: Id,
  residentName: z.string(),
  gridId: Id,
  status: BookingStatus,
  channel: Channel,
  /** The grid worker or staff member who booked for the resident, with the moment the resident agreed. */
  bookedBy: z.object({ userId: Id, name: z.string(), consentAt: z.string() }).nullable(),
  /** Ballot: the resident's ticket on the published list, and the weight it was drawn with. */
  ticket: z.string().nullable(),
  weight: z.number().int().min(1).max(2),
  drawRank: z.number().int().nullable(),
  /** Where it stands on the waiting list (the sort key of its entry), while waiting. */
  waitKey: z.string().nullable(),
  offerUntil: z.string().nullable(),
  remindedAt: z.string().nullable(),
  /** A no-show a grid worker excused: it does not count. */
  excused: z.boolean(),
  history: z.array(BookingStep).max(40),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Booking = z.infer<typeof Booking>;

/** What the API shows: the booking, and where it stands on the waiting list. */
export const BookingView = Booking.omit({ waitKey: true, version: true }).extend({
  waitPosition: z.number().int().nullable(),
});
export type BookingView = z.infer<typeof BookingView>;

export const BookingPage = page(BookingView);
export type BookingPage = z.infer<typeof BookingPage>;

const consent = z.literal(true).optional();

export const BookingCreateBody = z
  .strictObject({
    slotId: SlotId,
    /** A grid worker or the desk booking for a resident (代预约), with the resident's consent. */
    forResidentId: Id.optional(),
    consent,
    /** When the slot is full, join its waiting list instead of being refused. */
    waitlist: z.boolean().default(false),
  })
  .refine((b) => !b.forResidentId || b.consent === true, {
    path: ['consent'],
    message: "record the resident's consent (consent: true) when booking on their behalf",
  });
export type BookingCreateBody = z.infer<typeof BookingCreateBody>;

export const CancelBody = z.strictObject({
  reason: z.string().trim().min(2).max(200).optional(),
  consent,
  /** Staff only: cancel after the deadline, with a reason. */
  override: z.literal(true).optional(),
});
export type CancelBody = z.infer<typeof CancelBody>;

export const OfferBody = z.strictObject({ consent });
export type OfferBody = z.infer<typeof OfferBody>;
export const CheckInBody = z.strictObject({});
export const ExcuseBody = z.strictObject({ reason: z.string().trim().min(2, 'say why in a few words').max(200) });
export type ExcuseBody = z.infer<typeof ExcuseBody>;

export const BookingIdPath = z.strictObject({ id: BookingId });

export const BookingListQuery = PageQuery.extend({
  /** mine: the resident's own; made: those a grid worker or staff member made for residents. */
  scope: z.enum(['mine', 'made']),
});
export type BookingListQuery = z.infer<typeof BookingListQuery>;
