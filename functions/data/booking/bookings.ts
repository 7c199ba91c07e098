import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isActive } from '../../../shared/domain/booking/status';
import { parseBookingId } from '../../../shared/domain/booking/view';
import { Booking, type BookingStatus } from '../../../shared/schemas/bookings';
import { tableName } from '../../config';
import { db, INDEX } from '../db';
import { dueKeys } from '../due';
import { batchGetAll } from '../retry';
import type { Source } from '../pagination';
import { Slot } from '../../../shared/schemas/slots';
import { slotKey, slotOwner } from './slots';
import type { TransactItem } from '../transactions';

/**
 * A booking is keyed by its slot and its resident (`SLOT#<slot>` / `RES#<resident>`): one per resident
 * per slot whatever the channel, found from its id without an index. Its index entries follow from it.
 */
export const bookingKey = (slotId: string, residentId: string) => ({ PK: slotOwner(slotId), SK: `RES#${residentId}` });

/** The roster's order: who is coming, then who came, who may come (offers, the waiting list), the rest. */
const ROSTER_ORDER: Record<BookingStatus, number> = {
  booked: 1,
  checked_in: 2,
  no_show: 3,
  offered: 4,
  waiting: 5,
  applied: 6,
  cancelled: 8,
  declined: 8,
  expired: 8,
};

export function bookingIndexKeys(b: Booking): Record<string, string> {
  return {
    // A resident's bookings: what is still in play, soonest first; then the rest, latest first.
    GSI2PK: `BOOKINGS#${b.residentId}#${isActive(b.status) ? 'A' : 'Z'}`,
    GSI2SK: `${b.start}#${b.slotId}`,
    GSI3PK: `ROSTER#${b.slotId}`,
    GSI3SK: `${ROSTER_ORDER[b.status]}#${b.waitKey ?? ''}#${b.residentName}#${b.residentId}`,
    ...(b.bookedBy ? { GSI1PK: `BOOKED_BY#${b.bookedBy.userId}`, GSI1SK: `${b.start}#${b.id}` } : {}),
    ...(b.status === 'offered' ? dueKeys(b.offerUntil, 'booking_offer', b.id) : {}),
  };
}

const bookingItem = (b: Booking) => ({ ...bookingKey(b.slotId, b.residentId), type: 'booking', ...b, ...bookingIndexKeys(b) });

/** The booking's part of a transaction: created once, or changed only from the version read. */
export function bookingPut(next: Booking, previous: Booking | null): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: bookingItem(next),
      ConditionExpression: previous ? 'version = :v' : 'attribute_not_exists(PK)',
      ...(previous ? { ExpressionAttributeValues: { ':v': previous.version } } : {}),
    },
  };
}

/** AP: a resident's booking of a slot (GetItem, consistent). */
export async function getBooking(slotId: string, residentId: string): Promise<Booking | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: bookingKey(slotId, residentId), ConsistentRead: true }));
  return out.Item ? Booking.parse(out.Item) : null;
}

/** AP: a booking by its id, which is its key. */
export async function getBookingById(id: string): Promise<Booking | null> {
  const { slotId, residentId } = parseBookingId(id);
  return getBooking(slotId, residentId);
}

/**
 * AP: a booking by its id with its slot, in one consistent BatchGetItem (both keys follow from the id): what
 * every action on a booking (cancel, accept, check in…) decides on, in one round trip instead of two.
 */
export async function bookingWithSlot(id: string): Promise<{ booking: Booking | null; slot: Slot | null }> {
  const { slotId, residentId } = parseBookingId(id);
  const items = await batchGetAll([bookingKey(slotId, residentId), slotKey(slotId)]);
  const booking = items.find((i) => i.SK !== 'SLOT');
  const slot = items.find((i) => i.SK === 'SLOT');
  return { booking: booking ? Booking.parse(booking) : null, slot: slot ? Slot.parse(slot) : null };
}

/** AP: every booking of a slot, consistently (Query `SLOT#<slot>`, SK begins with RES#): the draw, reminders, no-shows. */
export async function bookingsOfSlot(slotId: string): Promise<Booking[]> {
  const all: Booking[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :res)',
        ExpressionAttributeValues: { ':pk': slotOwner(slotId), ':res': 'RES#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    all.push(...(out.Items ?? []).map((i) => Booking.parse(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return all;
}

/** AP: a slot's roster for its provider and staff, coming first (GSI3 `ROSTER#<slot>`). */
export const rosterOf = (slotId: string): Source<Booking> => ({
  index: INDEX.gsi3,
  partitions: [`ROSTER#${slotId}`],
  forward: true,
  item: Booking,
});

/** AP: a resident's bookings still in play, soonest first (GSI2 `BOOKINGS#<resident>#A`). */
export const activeBookingsOf = (residentId: string): Source<Booking> => ({
  index: INDEX.gsi2,
  partitions: [`BOOKINGS#${residentId}#A`],
  forward: true,
  item: Booking,
});

/** AP: a resident's past and ended bookings, latest first (GSI2 `BOOKINGS#<resident>#Z`). */
export const pastBookingsOf = (residentId: string): Source<Booking> => ({
  index: INDEX.gsi2,
  partitions: [`BOOKINGS#${residentId}#Z`],
  forward: false,
  item: Booking,
});

/** AP: the bookings a grid worker or staff member made for residents, latest slot first (GSI1 `BOOKED_BY#<user>`). */
export const bookingsMadeBy = (userId: string): Source<Booking> => ({
  index: INDEX.gsi1,
  partitions: [`BOOKED_BY#${userId}`],
  forward: false,
  item: Booking,
});

/** AP: one resident's bookings of some slots (BatchGetItem), to show "booked" on a list of slots. */
export async function bookingsOnSlots(residentId: string, slotIds: readonly string[]): Promise<Map<string, Booking>> {
  const found = new Map<string, Booking>();
  for (let i = 0; i < slotIds.length; i += 100) {
    for (const item of await batchGetAll(slotIds.slice(i, i + 100).map((s) => bookingKey(s, residentId)))) {
      const b = Booking.parse(item);
      found.set(b.slotId, b);
    }
  }
  return found;
}
