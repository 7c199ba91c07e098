import { serviceOfSlotId } from '../../../shared/domain/booking/schedule';
import { Booking } from '../../../shared/schemas/bookings';
import { Slot } from '../../../shared/schemas/slots';
import { bookingKey } from './bookings';
import { IdempotencyRecord, idempotencyItemKey } from '../idempotency';
import { quotaKey } from './quotas';
import { slotKey } from './slots';
import { marksOf, standingKey, type NoShowStandingItem } from './standing';
import { batchGetAll } from '../retry';

/** Everything a booking decision reads first, as it was at one moment (each item read consistently). */
export interface BookingLook {
  slot: Slot | null;
  /** The resident's booking of the slot, if they ever had one. */
  booking: Booking | null;
  /** The resident's quota item for the slot's service (read its use with quotaUseOf). */
  quota: Record<string, unknown> | undefined;
  /** The caller's earlier request with the same Idempotency-Key. */
  record: IdempotencyRecord | null;
  /** The resident's no-show standing (none: never a no-show that still counts). */
  standing: NoShowStandingItem | null;
}

type Key = { PK: string; SK: string };
const id = (k: Key) => `${k.PK}\n${k.SK}`;

/**
 * AP: a booking's first look, in one consistent BatchGetItem instead of five GetItems: the slot, the
 * resident's booking of it, their quota item for its service (named by the slot id), the caller's
 * idempotency record and the resident's no-show standing. Taken only when this container does not know the
 * slot yet, or when a decision on what it remembers would refuse (book.ts): then the refusal is decided on
 * what the database holds.
 */
export async function bookingLook(q: { slotId: string; residentId: string; userId: string; key?: string }): Promise<BookingLook> {
  const keys = {
    slot: slotKey(q.slotId),
    booking: bookingKey(q.slotId, q.residentId),
    quota: quotaKey(q.residentId, serviceOfSlotId(q.slotId)),
    record: q.key ? idempotencyItemKey(q.userId, q.key) : null,
    standing: standingKey(q.residentId),
  };
  const found = new Map<string, Record<string, unknown>>();
  for (const item of await batchGetAll(Object.values(keys).filter((k): k is Key => k !== null))) found.set(id(item as Key), item);
  const item = (k: Key | null) => (k ? found.get(id(k)) : undefined);
  const [slot, booking, record] = [item(keys.slot), item(keys.booking), item(keys.record)];
  return {
    slot: slot ? Slot.parse(slot) : null,
    booking: booking ? Booking.parse(booking) : null,
    quota: item(keys.quota),
    record: record ? IdempotencyRecord.parse(record) : null,
    standing: marksOf(item(keys.standing)),
  };
}
