import { NotificationIdPath, type Notification } from '../../../shared/schemas/notifications';
import { route } from '../../http/handler';
import { readOne } from '../inbox';

export const handler = route(
  { roles: 'any', path: NotificationIdPath },
  ({ user, path, now }): Promise<Notification> => readOne(user.id, path.id, now),
);
