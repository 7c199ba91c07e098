import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { fixedWindow, slidingWindow } from '../../shared/domain/rate-limit';
import { rateLimited } from '../../shared/errors';
import { limits, tableName } from '../config';
import { db } from './db';
import { cancellationCodes, isCancelled, isConditionFailed, type TransactItem } from './transactions';

/** Counter items: per subject and limit, each with a TTL so nothing outlives its window by more than a day. */
const limitKey = (subjectId: string, name: string) => ({ PK: `LIMIT#${subjectId}#${name}`, SK: 'LIMIT' });
const ttl = (ms: number) => Math.floor(ms / 1000) + 24 * 60 * 60;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * AP: count one write of a user against the per-minute limit. One conditional UpdateItem on the
 * counter of the current minute; the condition refuses the write past the limit, with no read first.
 */
export function consumeWrite(userId: string, now: Date): Promise<void> {
  return consume(userId, WRITES, limits().writesPerMinute, MINUTE, now, writesMessage());
}

const writesMessage = () => `at most ${limits().writesPerMinute} changes a minute; try again shortly`;
const WRITES = 'writes';

/**
 * The same count as `consumeWrite`, as one item of a route's own TransactWriteItems (routes that opt in with
 * `limit: 'in-transaction'`, functions/http/handler.ts): the write and its count succeed or fail together, with
 * no round trip of their own. The condition refuses past the limit; `writeLimitRefusal` reads that refusal back.
 */
export function writeLimitItem(userId: string, now: Date): TransactItem {
  const window = fixedWindow(now.getTime(), MINUTE);
  return {
    Update: {
      TableName: tableName(),
      Key: limitKey(userId, `${WRITES}#${window.start}`),
      UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': limits().writesPerMinute, ':ttl': ttl(window.start + MINUTE) },
    },
  };
}

/** Today's answer past the write limit (429 RATE_LIMITED, Retry-After until the minute ends), as consumeWrite gives it. */
export const writeLimitRefused = (now: Date) => rateLimited(writesMessage(), fixedWindow(now.getTime(), MINUTE).retryAfterSeconds);

const isWriteLimitItem = (item: TransactItem): boolean => {
  const pk = item.Update?.Key?.PK;
  return typeof pk === 'string' && pk.startsWith('LIMIT#') && pk.includes(`#${WRITES}#`);
};

/**
 * If a cancelled transaction of `items` was refused by its write-limit item (by position in
 * CancellationReasons), the 429 to answer; otherwise null. Checked before any other reason: past the limit a
 * write is answered 429 whatever else it would have met, as when the count came first.
 */
export function writeLimitRefusal(error: unknown, items: readonly TransactItem[], now: Date): Error | null {
  if (!isCancelled(error)) return null;
  const index = items.findIndex(isWriteLimitItem);
  return index >= 0 && cancellationCodes(error)[index] === 'ConditionalCheckFailed' ? writeLimitRefused(now) : null;
}

/**
 * AP: count one WeChat sign-in against the limit of its source address and of its code, both at once. Sign-in
 * comes before any user is known, so these are the only subjects a flood has.
 */
export async function consumeSignIn(sourceIp: string, code: string, now: Date): Promise<void> {
  const { signInsPerMinute, triesPerCode } = limits();
  await Promise.all([
    consume(`IP#${sourceIp}`, 'sign-in', signInsPerMinute, MINUTE, now, 'too many sign-ins from this network; try again in a minute'),
    consume(
      `CODE#${code}`,
      'sign-in',
      triesPerCode,
      10 * MINUTE,
      now,
      'this sign-in code was tried too often; sign in again from the start',
    ),
  ]);
}

/**
 * One more hit of `subjectId` against `limit` in the current fixed window: one conditional UpdateItem on the
 * window's counter; the condition refuses past the limit, with no read first.
 */
async function consume(subjectId: string, name: string, limit: number, windowMs: number, now: Date, message: string): Promise<void> {
  const window = fixedWindow(now.getTime(), windowMs);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: limitKey(subjectId, `${name}#${window.start}`),
        UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': ttl(window.start + windowMs) },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw rateLimited(message, window.retryAfterSeconds);
    throw error;
  }
}

/**
 * The wish-post log of a resident: the times of their last N posts (N = limits().wishesPerHour) as attributes
 * `h0` (oldest) … `h<N-1>` (newest) of one item. Posting one more is allowed when the oldest of the last N left
 * the hour: a condition (`h0` absent or at most an hour ago), so the check needs no read. The update shifts every
 * time down one place and puts this one last, in the transaction of the post itself: exact "at most N in any
 * rolling hour", as the sliding log read with a version was, with no read and no version.
 */
const postLogKey = (residentId: string) => limitKey(residentId, 'wish-posts');
const slot = (i: number) => `h${i}`;

/**
 * Above this many posts an hour (a deployment that hardly limits, the test suite) the log would make too long an
 * expression: the limit is then counted per clock hour, one counter with a ceiling, like the write limit.
 */
export const MAX_POST_SLOTS = 40;
const hourCounterKey = (residentId: string, now: Date) => limitKey(residentId, `wish-posts#${fixedWindow(now.getTime(), HOUR).start}`);

export function wishPostItem(residentId: string, now: Date): TransactItem {
  const n = limits().wishesPerHour;
  if (n > MAX_POST_SLOTS) {
    return {
      Update: {
        TableName: tableName(),
        Key: hourCounterKey(residentId, now),
        UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': n, ':ttl': ttl(now.getTime() + HOUR) },
      },
    };
  }
  const names = Object.fromEntries(Array.from({ length: n }, (_, i) => [`#${slot(i)}`, slot(i)]));
  const shifts = Array.from({ length: n - 1 }, (_, i) => `#${slot(i)} = if_not_exists(#${slot(i + 1)}, :zero)`);
  return {
    Update: {
      TableName: tableName(),
      Key: postLogKey(residentId),
      UpdateExpression: `SET ${[...shifts, `#${slot(n - 1)} = :now`, '#type = :type', 'expiresAt = :ttl'].join(', ')}`,
      ConditionExpression: `attribute_not_exists(#${slot(0)}) OR #${slot(0)} <= :hourAgo`,
      ExpressionAttributeNames: { ...names, '#type': 'type' },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':now': now.getTime(),
        ':hourAgo': now.getTime() - HOUR,
        ':type': 'limit',
        ':ttl': ttl(now.getTime() + HOUR),
      },
    },
  };
}

/**
 * After a post's transaction was refused by its post-log item: the 429 with the wait until the oldest of the last
 * N posts leaves the hour, from the item as the refusal returned it (ALL_OLD) or, without it, read now.
 */
export async function wishPostRefused(residentId: string, now: Date, returned?: Record<string, unknown>): Promise<Error> {
  const message = `at most ${limits().wishesPerHour} wishes an hour; try again later`;
  if (limits().wishesPerHour > MAX_POST_SLOTS) return rateLimited(message, fixedWindow(now.getTime(), HOUR).retryAfterSeconds);
  const item =
    returned ?? (await db().send(new GetCommand({ TableName: tableName(), Key: postLogKey(residentId), ConsistentRead: true }))).Item ?? {};
  const hits = Array.from({ length: limits().wishesPerHour }, (_, i) => Number(item[slot(i)] ?? 0)).filter((t) => t > 0);
  const decision = slidingWindow(hits, now.getTime(), limits().wishesPerHour, HOUR);
  return rateLimited(message, decision.retryAfterSeconds);
}

/** The open-wish counter of a resident: +1 with a ceiling when a wish is posted (same transaction). */
export const openWishesIncrement = (residentId: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: limitKey(residentId, 'open'),
    UpdateExpression: 'ADD #n :one SET #t = :type',
    ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
    ExpressionAttributeNames: { '#n': 'open', '#t': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':max': limits().openWishes, ':type': 'limit' },
  },
});

/** −1 when one of the resident's wishes ends (confirmed, closed or rejected), in that transition's transaction. */
export const openWishesDecrement = (residentId: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: limitKey(residentId, 'open'),
    UpdateExpression: 'ADD #n :minus SET #t = :type',
    ExpressionAttributeNames: { '#n': 'open', '#t': 'type' },
    ExpressionAttributeValues: { ':minus': -1, ':type': 'limit' },
  },
});
