import { notFound } from '../../shared/errors';
import type { Notification, UnreadCount } from '../../shared/schemas/notifications';
import { getNotification, markRead, readInbox, unreadCount } from '../data/notifications';

/** Marks one of the user's notifications read (again: harmless). Someone else's does not exist (404). */
export async function readOne(userId: string, id: string, now: Date): Promise<Notification> {
  if (!(await getNotification(userId, id))) throw notFound('notification');
  await markRead(userId, id, now.toISOString());
  const read = await getNotification(userId, id);
  if (!read) throw notFound('notification');
  return read;
}

/** Marks every unread notification read, a page at a time (at most 1,000); answers the badge afterwards. */
export async function readAll(userId: string, now: Date): Promise<UnreadCount> {
  for (let pages = 0; pages < 20; pages++) {
    const page = await readInbox(userId, true, undefined, 50);
    if (!page.items.length) break;
    await Promise.all(page.items.map((n) => markRead(userId, n.id, now.toISOString())));
  }
  return { unread: await unreadCount(userId) };
}
