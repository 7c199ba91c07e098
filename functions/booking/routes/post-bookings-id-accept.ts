import { BookingIdPath, OfferBody, type BookingView } from '../../../shared/schemas/bookings';
import { acceptOffer } from '../accept';
import { route } from '../../http/handler';

/** Take the seat a waiting-list offer holds, before it lapses. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], path: BookingIdPath, body: OfferBody, limit: 'in-transaction' },
  ({ user, path, body, now, writeLimit }): Promise<BookingView> => acceptOffer(user, path.id, body, now, writeLimit),
);
