import { BookingIdPath, OfferBody, type BookingView } from '../../../shared/schemas/bookings';
import { cancelBooking } from '../cancel';
import { route } from '../../http/handler';

/** Say no to a waiting-list offer: the seat passes at once to the next one waiting. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: BookingIdPath, body: OfferBody, limit: 'in-transaction' },
  ({ user, path, body, now, writeLimit }): Promise<BookingView> => cancelBooking(user, path.id, body, now, 'offered', writeLimit),
);
