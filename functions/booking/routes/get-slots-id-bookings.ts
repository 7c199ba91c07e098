import { PageQuery } from '../../../shared/schemas/common';
import type { BookingPage } from '../../../shared/schemas/bookings';
import { SlotIdPath } from '../../../shared/schemas/slots';
import { slotBookings } from '../lists';
import { route } from '../../http/handler';

/** A slot's roster: for the team that provides it (to check people in) and staff of its community. */
export const handler = route(
  { roles: ['volunteer', 'staff'], path: SlotIdPath, query: PageQuery },
  ({ user, path, query }): Promise<BookingPage> => slotBookings(user, path.id, query),
);
