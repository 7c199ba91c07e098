import { BookingIdPath, ExcuseBody, type BookingView } from '../../../shared/schemas/bookings';
import { excuseNoShow } from '../check-in';
import { route } from '../../http/handler';

/** The resident's grid worker (or staff) excuses a no-show, with a reason: it no longer counts. */
export const handler = route(
  { roles: ['gridWorker', 'staff'], path: BookingIdPath, body: ExcuseBody },
  ({ user, path, body, now }): Promise<BookingView> => excuseNoShow(user, path.id, body, now),
);
