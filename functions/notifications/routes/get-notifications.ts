import { NotificationListQuery, type NotificationPage } from '../../../shared/schemas/notifications';
import { readInbox } from '../../data/notifications';
import { route } from '../../http/handler';

/** The signed-in user's notifications, newest first (or only the unread ones). */
export const handler = route(
  { roles: 'any', query: NotificationListQuery },
  ({ user, query }): Promise<NotificationPage> => readInbox(user.id, query.unread === 'true', query.cursor, query.limit),
);
