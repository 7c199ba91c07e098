import { BookingIdPath, CancelBody, type BookingView } from '../../../shared/schemas/bookings';
import { cancelBooking } from '../cancel';
import { route } from '../../http/handler';

/** Cancel before the deadline (staff: after it, with a reason), withdraw an application, leave a waiting list, or decline an offer. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: BookingIdPath, body: CancelBody, limit: 'in-transaction' },
  ({ user, path, body, now, writeLimit }): Promise<BookingView> => cancelBooking(user, path.id, body, now, undefined, writeLimit),
);
