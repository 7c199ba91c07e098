import { notFound } from '../../shared/errors';
import type { SignedOut, User } from '../../shared/schemas/users';
import { endSessions, getUser } from '../data/users';
import { readableCommunities } from './scope';

/** Ends every session of the caller: a sign-out on one phone signs out every phone. */
export async function signOut(user: User, now: Date): Promise<SignedOut> {
  await endSessions(user.id, now.getTime());
  return { signedOutAt: now.toISOString() };
}

/**
 * Ends a member's sessions (a lost phone, a volunteer who left): staff for the people of their communities, the
 * operator for anyone. Anyone else, and anyone outside the caller's communities, is answered as a missing user.
 */
export async function endSessionsOf(actor: User, userId: string, now: Date): Promise<SignedOut> {
  const target = await getUser(userId);
  if (!target || !(await mayEndSessions(actor, target))) throw notFound('user');
  await endSessions(target.id, now.getTime());
  return { signedOutAt: now.toISOString() };
}

async function mayEndSessions(actor: User, target: User): Promise<boolean> {
  if (actor.id === target.id || actor.roles.includes('admin')) return true;
  if (!actor.roles.includes('staff')) return false;
  const theirs = await readableCommunities(target);
  return theirs.some((c) => actor.staffCommunityIds.includes(c));
}
