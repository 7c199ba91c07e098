import { notFound } from '../../shared/errors';
import type { SignedOut, User } from '../../shared/schemas/users';
import { auditPut } from '../data/audit';
import type { TransactItem } from '../data/transactions';
import { endSessions, getUser } from '../data/users';
import { auditScope } from '../settings/audit';
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
  await endSessions(target.id, now.getTime(), [await sessionsAudit(actor, target, now)]);
  return { signedOutAt: now.toISOString() };
}

/**
 * The audit entry of ending someone's sessions (a person's own sign-out is not one: it changes nobody's access
 * but their own phone's), under the community the actor shares with them, or their own, and its street.
 */
async function sessionsAudit(actor: User, target: User, now: Date): Promise<TransactItem> {
  const theirs = await readableCommunities(target);
  const communityId = theirs.find((c) => actor.staffCommunityIds.includes(c)) ?? theirs[0] ?? null;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return auditPut(
    {
      action: 'user.sessions.end',
      actorId: actor.id,
      actorName: actor.name,
      subject: { kind: 'user', id: target.id },
      ...(await auditScope(communityId)),
      before: { tokensValidAfter: at(target.tokensValidAfter) },
      after: { tokensValidAfter: at(now.getTime()) },
    },
    now,
  );
}

async function mayEndSessions(actor: User, target: User): Promise<boolean> {
  if (actor.id === target.id || actor.roles.includes('admin')) return true;
  if (!actor.roles.includes('staff')) return false;
  const theirs = await readableCommunities(target);
  return theirs.some((c) => actor.staffCommunityIds.includes(c));
}
