import { RosterQuery, type SlotPage } from '../../../shared/schemas/slots';
import { roster } from '../lists';
import { route } from '../../http/handler';

/** The day's slots a volunteer's team provides (or a staff member's community has), to check people in. */
export const handler = route(
  { roles: ['volunteer', 'staff'], query: RosterQuery },
  ({ user, query, now }): Promise<SlotPage> => roster(user, query, now),
);
