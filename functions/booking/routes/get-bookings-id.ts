import { BookingIdPath, type BookingView } from '../../../shared/schemas/bookings';
import { loadBooking, viewOf } from '../load';
import { route } from '../../http/handler';

/** One booking with its history: for the resident, their grid worker, staff, and the providing team. */
export const handler = route(
  { roles: 'any', path: BookingIdPath },
  async ({ user, path }): Promise<BookingView> => viewOf((await loadBooking(user, path.id, 'view')).booking),
);
