import { randomUUID } from 'node:crypto';
import { notFound } from '../../shared/errors';
import type { Session } from '../../shared/schemas/auth';
import type { User } from '../../shared/schemas/users';
import { isDevAuth } from '../config';
import { consumeSignIn } from '../data/rate-limits';
import { isCancelled } from '../data/transactions';
import { createWechatUser, getUser, userIdForOpenId } from '../data/users';
import { toMe } from '../people/me';
import { issueToken } from './token';
import { code2Session } from './wechat';

const newResident = (now: Date, openid: string): User => ({
  id: randomUUID(),
  name: '微信用户',
  roles: ['resident'],
  phone: null,
  home: null,
  gridIds: [],
  staffCommunityIds: [],
  streetIds: [],
  teamIds: [],
  skills: [],
  hours: { workday: [], restday: [] },
  paused: false,
  birthYear: null,
  // Until they say who and where they are (PATCH /me) and a grid worker confirms it.
  onboarded: false,
  verified: false,
  verifiedBy: null,
  homeChanges: [],
  showNameOnWall: false,
  wechatOpenId: openid,
  tokensValidAfter: null,
  demo: false,
  createdAt: now.toISOString(),
  version: 1,
});

/** The first sign-in creates a resident; a concurrent first sign-in of the same person finds theirs. */
async function userForOpenId(openid: string, now: Date): Promise<User | null> {
  const known = await userIdForOpenId(openid);
  if (known) return getUser(known);
  const user = newResident(now, openid);
  try {
    await createWechatUser(openid, user);
    return user;
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const winner = await userIdForOpenId(openid);
    return winner ? getUser(winner) : null;
  }
}

const sessionFor = async (user: User, now: Date): Promise<Session> => ({ ...(await issueToken(user.id, now)), user: await toMe(user) });

/** Signs in with a `wx.login` code (limited per address and per code): WeChat names the person, the first time makes them a resident. */
export async function signInWithWechat(code: string, sourceIp: string, now: Date): Promise<Session> {
  await consumeSignIn(sourceIp, code, now);
  const { openid } = await code2Session(code);
  const user = await userForOpenId(openid, now);
  if (!user) throw new Error('the user linked to a WeChat openid is missing');
  return sessionFor(user, now);
}

/** Signs in as a demo account without WeChat. Only where the local runner or the tests switch it on (config.isDevAuth). */
export async function signInAsDemo(userId: string, now: Date): Promise<Session> {
  if (!isDevAuth()) throw notFound('route');
  const user = await getUser(userId);
  if (!user?.demo) throw notFound('demo user');
  return sessionFor(user, now);
}
