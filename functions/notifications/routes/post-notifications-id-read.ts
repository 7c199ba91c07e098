import { notFound } from '../../../shared/errors';
import { NotificationIdPath, type Notification } from '../../../shared/schemas/notifications';
import { getNotification, markRead } from '../../data/notifications';
import { route } from '../../http/handler';

/** Marks one of the user's notifications read (again: harmless). Someone else's does not exist (404). */
export const handler = route({ roles: 'any', path: NotificationIdPath }, async ({ user, path, now }): Promise<Notification> => {
  if (!(await getNotification(user.id, path.id))) throw notFound('notification');
  await markRead(user.id, path.id, now.toISOString());
  return (await getNotification(user.id, path.id))!;
});
