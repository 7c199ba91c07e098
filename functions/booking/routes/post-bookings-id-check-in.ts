import { BookingIdPath, CheckInBody, type BookingView } from '../../../shared/schemas/bookings';
import { checkIn } from '../check-in';
import { route } from '../../http/handler';

/** The providing team (or staff) checks a resident in, from an hour before the start until the end. */
export const handler = route(
  { roles: ['volunteer', 'staff'], path: BookingIdPath, body: CheckInBody },
  ({ user, path, now }): Promise<BookingView> => checkIn(user, path.id, now),
);
