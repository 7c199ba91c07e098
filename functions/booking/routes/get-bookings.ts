import { BookingListQuery, type BookingPage } from '../../../shared/schemas/bookings';
import { listBookings } from '../lists';
import { route } from '../../http/handler';

/** scope=mine: a resident's bookings, what is in play first; scope=made: those a grid worker or staff member made for residents. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], query: BookingListQuery },
  ({ user, query }): Promise<BookingPage> => listBookings(user, query),
);
