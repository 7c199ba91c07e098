import { BookingCreateBody } from '../../../shared/schemas/bookings';
import { bookSlot } from '../book';
import { Reply, route } from '../../http/handler';
import { idempotencyKey } from '../../http/idempotency-key';

/** 201 with the booking (or application, or waiting place); 200 with the same one for a retried Idempotency-Key. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], body: BookingCreateBody, limit: 'in-transaction' },
  async ({ user, body, headers, now, writeLimit }) => {
    const { booking, replayed } = await bookSlot(user, body, idempotencyKey(headers), now, writeLimit);
    return new Reply(replayed ? 200 : 201, booking);
  },
);
