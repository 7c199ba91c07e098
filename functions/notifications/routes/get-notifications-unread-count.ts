import type { UnreadCount } from '../../../shared/schemas/notifications';
import { unreadCount } from '../../data/notifications';
import { route } from '../../http/handler';

/** The unread badge: one read of a counter kept in the same transactions as the notifications. */
export const handler = route({ roles: 'any' }, async ({ user }): Promise<UnreadCount> => ({ unread: await unreadCount(user.id) }));
