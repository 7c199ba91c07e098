import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DevUser, User } from '../../shared/schemas/users';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, type Source } from './pagination';
import { optimistic } from './retry';
import type { TransactItem } from './transactions';

const userKey = (id: string) => ({ PK: `USER#${id}`, SK: 'USER' });
const wechatKey = (openid: string) => ({ PK: `WECHAT#${openid}`, SK: 'WECHAT' });

/** Residents by name within their grid and community, those still to be verified first. */
const residentKeys = (user: User) => {
  if (!user.home || !user.roles.includes('resident')) return {};
  const sort = `${user.verified ? 1 : 0}#${user.name}#${user.id}`;
  return {
    GSI2PK: `RESIDENTS#GRID#${user.home.gridId}`,
    GSI2SK: sort,
    GSI3PK: `RESIDENTS#COMMUNITY#${user.home.communityId}`,
    GSI3SK: sort,
  };
};

const userItem = (user: User) => ({
  ...userKey(user.id),
  type: 'user',
  ...user,
  // Sparse: only demo accounts are listed by the dev login page.
  ...(user.demo ? { GSI1PK: 'DEMO_USERS', GSI1SK: user.id } : {}),
  ...residentKeys(user),
});

const listeners: ((userId: string) => void)[] = [];

/** Called with a user's id whenever this module writes (or builds the write of) that user: the user cache forgets them. */
export const whenUserWritten = (listener: (userId: string) => void): void => {
  listeners.push(listener);
};
const written = (userId: string) => {
  for (const listener of listeners) listener(userId);
};

/** AP: get a user by id (every authenticated request, at most once per request and cached a few seconds: functions/http/user-cache.ts). */
export async function getUser(id: string): Promise<User | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: userKey(id), ConsistentRead: true }));
  return out.Item ? User.parse(out.Item) : null;
}

/** AP: the demo accounts (GSI1 DEMO_USERS), for the local sign-in page. */
export const demoUsers = (): Promise<DevUser[]> =>
  readAll({ index: INDEX.gsi1, partitions: ['DEMO_USERS'], forward: true, item: DevUser }, 200);

/** AP: the residents living in some grids, unverified first, then by name (GSI2 RESIDENTS#GRID#grid). */
export const residentsOfGrids = (gridIds: readonly string[]): Source<User> => ({
  index: INDEX.gsi2,
  partitions: gridIds.map((g) => `RESIDENTS#GRID#${g}`),
  forward: true,
  item: User,
});

/** AP: the residents of some communities, unverified first, then by name (GSI3 RESIDENTS#COMMUNITY#community). */
export const residentsOfCommunities = (ids: readonly string[]): Source<User> => ({
  index: INDEX.gsi3,
  partitions: ids.map((c) => `RESIDENTS#COMMUNITY#${c}`),
  forward: true,
  item: User,
});

/** AP: the user a WeChat openid belongs to. */
export async function userIdForOpenId(openid: string): Promise<string | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: wechatKey(openid), ConsistentRead: true }));
  return typeof out.Item?.userId === 'string' ? out.Item.userId : null;
}

/**
 * Creates a user and the openid link in one transaction. Both are conditional, so two first logins of
 * the same person at once leave one user; the loser's TransactionCanceledException is retried by the caller.
 */
export async function createWechatUser(openid: string, user: User): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: userItem(user), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Put: {
            TableName: tableName(),
            Item: { ...wechatKey(openid), type: 'wechatLink', userId: user.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    }),
  );
}

/**
 * AP: update a user, only if nobody changed it since `previousVersion` was read (a profile edit racing
 * a verification must not undo it). Throws ConditionalCheckFailedException on a stale read.
 */
export async function saveUser(user: User, previousVersion: number): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: userItem({ ...user, version: previousVersion + 1 }),
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(version) OR version = :v' : 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    }),
  );
  written(user.id);
}

/** The same guarded update, as an item of a larger transaction (joining a team); the cache forgets the user as it is built. */
export function userPutIfUnchanged(user: User, previousVersion: number): TransactItem {
  written(user.id);
  return {
    Put: {
      TableName: tableName(),
      Item: userItem({ ...user, version: previousVersion + 1 }),
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(version) OR version = :v' : 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    },
  };
}

/** Seeds and reference data: a plain put of fixed values. */
export async function putUser(user: User): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: userItem(user) }));
  written(user.id);
}

/**
 * AP: end every session of a user begun up to `atMs`. An atomic update that also moves the version on, so a
 * profile edit read before it cannot put the old value back; with `extra` (the audit entry of someone else
 * ending them) in the same transaction.
 */
export async function endSessions(userId: string, atMs: number, extra: TransactItem[] = []): Promise<void> {
  const update = {
    TableName: tableName(),
    Key: userKey(userId),
    ConditionExpression: 'attribute_exists(PK)',
    UpdateExpression: 'SET tokensValidAfter = :at, version = if_not_exists(version, :zero) + :one',
    ExpressionAttributeValues: { ':at': atMs, ':zero': 0, ':one': 1 },
  };
  // A profile edit or a verification of the same person at that moment collides with it: try again, never a 500.
  await optimistic('end sessions', async () => {
    if (extra.length) await db().send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...extra] }));
    else await db().send(new UpdateCommand(update));
  });
  written(userId);
}
