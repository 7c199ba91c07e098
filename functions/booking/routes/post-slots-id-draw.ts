import type { DrawView } from '../../../shared/schemas/draws';
import { DrawRunBody, SlotIdPath } from '../../../shared/schemas/slots';
import { route } from '../../http/handler';
import { drawNow } from '../draw-now';

export const handler = route(
  { roles: ['staff'], path: SlotIdPath, body: DrawRunBody },
  ({ user, path, now }): Promise<DrawView> => drawNow(user, path.id, now),
);
