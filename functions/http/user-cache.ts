import type { User } from '../../shared/schemas/users';
import { userCacheMs } from '../config';
import { getUser, whenUserWritten } from '../data/users';

/**
 * The signed-in users this container read in the last few seconds (userCacheMs(), 5 s unless set), so a burst of
 * one person's requests reads their user item once. Each request still checks its own token against the cached
 * `tokensValidAfter`: a session ended here (or a user changed here) is forgotten at once, and a session ended in
 * ANOTHER container keeps working in this one for at most the cache's window, then stops. Bounded: the oldest
 * entries go first.
 */
const cache = new Map<string, { user: User; at: number }>();
const MAX_ENTRIES = 1_000;

/** Forget one user (they were written in this container). */
export const forgetUser = (userId: string): void => {
  cache.delete(userId);
};
whenUserWritten(forgetUser);

/** The user, from this container's cache while it is fresh, otherwise read once (null: no such user, not cached). */
export async function cachedUser(userId: string, nowMs: number = Date.now()): Promise<User | null> {
  const windowMs = userCacheMs();
  const hit = cache.get(userId);
  // Read less than the window in force now ago (a shortened window applies to what is already kept).
  if (hit && nowMs - hit.at < windowMs) return structuredClone(hit.user);
  const user = await getUser(userId);
  cache.delete(userId);
  if (user && windowMs > 0) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(userId, { user: structuredClone(user), at: nowMs });
  }
  return user;
}
