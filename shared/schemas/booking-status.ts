import * as z from 'zod';

/**
 * Where a resident's booking stands. Its own module because both a booking (bookings.ts) and a slot's view of
 * the viewer's booking (slots.ts) are typed by it, and bookings.ts already imports slots.ts.
 */
export const BOOKING_STATUSES = [
  'applied',
  'booked',
  'waiting',
  'offered',
  'checked_in',
  'no_show',
  'cancelled',
  'declined',
  'expired',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;
