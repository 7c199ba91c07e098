import type { UnreadCount } from '../../../shared/schemas/notifications';
import { markRead, readInbox, unreadCount } from '../../data/notifications';
import { route } from '../../http/handler';

/** Marks every unread notification read, a page at a time; answers the badge afterwards. */
export const handler = route({ roles: 'any' }, async ({ user, now }): Promise<UnreadCount> => {
  for (let pages = 0; pages < 20; pages++) {
    const page = await readInbox(user.id, true, undefined, 50);
    if (!page.items.length) break;
    await Promise.all(page.items.map((n) => markRead(user.id, n.id, now.toISOString())));
  }
  return { unread: await unreadCount(user.id) };
});
