import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PUSH_TEMPLATES, type PushTemplate, type Subscriptions } from '../../shared/schemas/notifications';
import { tableName } from '../config';
import { db } from './db';
import { isConditionFailed } from './transactions';

/**
 * What a user has allowed WeChat to send them: per template, how many one-time allowances are left (each
 * accepted wx.requestSubscribeMessage gives one; each message sent uses one). One item per user.
 */
const subsKey = (userId: string) => ({ PK: `SUBS#${userId}`, SK: 'SUBS' });
const pushSlotKey = (userId: string) => ({ PK: `LIMIT#${userId}#push`, SK: 'LIMIT' });

/** AP: add one allowance per template the user accepted. */
export async function grantSubscriptions(userId: string, templates: readonly PushTemplate[]): Promise<void> {
  const unique = [...new Set(templates)];
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: subsKey(userId),
      UpdateExpression: `ADD ${unique.map((_, i) => `#t${i} :one`).join(', ')} SET #type = :type`,
      ExpressionAttributeNames: { ...Object.fromEntries(unique.map((t, i) => [`#t${i}`, t])), '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'subscriptions' },
    }),
  );
}

/** AP: the allowances a user has left. */
export async function subscriptionsOf(userId: string): Promise<Subscriptions> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: subsKey(userId), ConsistentRead: true }));
  return {
    allowances: Object.fromEntries(PUSH_TEMPLATES.map((t) => [t, Math.max(0, Number(out.Item?.[t] ?? 0))])) as Subscriptions['allowances'],
  };
}

/** Uses one allowance, if there is one (a conditional decrement): false when the user has none left. */
export async function useSubscription(userId: string, template: PushTemplate): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: subsKey(userId),
        UpdateExpression: 'ADD #t :minus',
        ConditionExpression: '#t > :zero',
        ExpressionAttributeNames: { '#t': template },
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Takes the user's WeChat message slot for this minute: at most one message a minute per user. Returns
 * null when taken, or when the last one went out less than a minute ago, the time the slot frees up.
 */
export async function takePushSlot(userId: string, now: Date): Promise<string | null> {
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: pushSlotKey(userId),
        UpdateExpression: 'SET lastAt = :now, expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :minuteAgo',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':minuteAgo': minuteAgo, ':ttl': Math.floor(now.getTime() / 1000) + 3600 },
      }),
    );
    return null;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: pushSlotKey(userId), ConsistentRead: true }));
    return new Date(Date.parse(String(out.Item?.lastAt ?? now.toISOString())) + 60_000).toISOString();
  }
}
