import { SlotListQuery, SlotServicePath, type SlotPage } from '../../../shared/schemas/slots';
import { listSlots } from '../lists';
import { route } from '../../http/handler';

/** A service's slots by day, with seats left for the viewer (or the resident named in forResidentId) and their own booking. */
export const handler = route(
  { roles: 'any', path: SlotServicePath, query: SlotListQuery },
  ({ user, path, query, now }): Promise<SlotPage> => listSlots(user, path.id, query, now),
);
