import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notice } from '../../shared/domain/notice';
import { Notification } from '../../shared/schemas/notifications';
import type { Page } from '../../shared/schemas/common';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { dueKeys } from './due';
import { readPage, type Source } from './pagination';
import { optimistic } from './retry';
import { isConditionFailed, type TransactItem } from './transactions';

/**
 * A user's inbox: one item per notification in the user's partition, newest first by sort key, and an
 * unread counter item beside it (the badge is one GetItem). Unread notifications also sit in a sparse list (GSI5
 * `UNREAD#<user>`) so "mark all read" reaches every one. A notification's id is its sort key.
 */
const inboxPk = (userId: string) => `INBOX#${userId}`;
const counterKey = (userId: string) => ({ PK: `UNREAD#${userId}`, SK: 'UNREAD' });

const stored = (n: Notification) => ({
  PK: inboxPk(n.userId),
  SK: n.id,
  type: 'notification',
  ...n,
  ...(n.readAt === null ? { GSI5PK: `UNREAD#${n.userId}`, GSI5SK: n.id } : {}),
  ...(n.push?.state === 'pending' ? dueKeys(n.at, 'push', `${n.userId}/${n.id}`) : {}),
});

/**
 * The writes that deliver notifications, to join the transaction of the event they report: each
 * notification, and its user's unread count raised by as many.
 */
export function notificationWrites(notes: readonly Notice[], at: string): TransactItem[] {
  // One user may be told twice by one event (a released claimant is also on the team told of the task
  // again); a transaction may touch an item once, so each user's counter gets one ADD of the total.
  const perUser = new Map<string, number>();
  for (const n of notes) perUser.set(n.userId, (perUser.get(n.userId) ?? 0) + 1);
  const puts: TransactItem[] = notes.map((n) => {
    const item: Notification = {
      id: `N#${at}#${randomUUID().slice(0, 8)}`,
      userId: n.userId,
      at,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      readAt: null,
      push: n.push ? { template: n.push, state: 'pending', at: null, reason: null } : null,
    };
    return { Put: { TableName: tableName(), Item: stored(item), ConditionExpression: 'attribute_not_exists(PK)' } };
  });
  const counters: TransactItem[] = [...perUser].map(([userId, count]) => ({
    Update: {
      TableName: tableName(),
      Key: counterKey(userId),
      UpdateExpression: 'ADD unread :n SET #t = :type',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':n': count, ':type': 'inboxCounter' },
    },
  }));
  return [...puts, ...counters];
}

/** Delivers notifications on their own (when no other write carries them); a collision on a counter is retried. */
export async function deliver(notes: readonly Notice[], at: string): Promise<void> {
  if (!notes.length) return;
  await optimistic('deliver notifications', async () => {
    await db().send(new TransactWriteCommand({ TransactItems: notificationWrites(notes, at) }));
  });
}

/** AP: a user's notifications, newest first (Query `INBOX#<user>`, SK begins N#, backwards). */
export const inboxOf = (userId: string): Source<Notification> => ({
  index: 'table',
  partitions: [inboxPk(userId)],
  forward: false,
  item: Notification,
});

/** AP: a user's unread notifications (Query GSI5 `UNREAD#<user>`). */
export const unreadOf = (userId: string): Source<Notification> => ({
  index: INDEX.gsi5,
  partitions: [`UNREAD#${userId}`],
  forward: false,
  item: Notification,
});

/** AP: the unread badge (GetItem of the counter). */
export async function unreadCount(userId: string): Promise<number> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: counterKey(userId), ConsistentRead: true }));
  return Math.max(0, Number(out.Item?.unread ?? 0));
}

/** AP: one notification by id. */
export async function getNotification(userId: string, id: string): Promise<Notification | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: inboxPk(userId), SK: id }, ConsistentRead: true }));
  return out.Item?.type === 'notification' ? Notification.parse(out.Item) : null;
}

/** Marks one read, once: the notification and −1 on the counter in one transaction. False if it was read already. */
export async function markRead(userId: string, id: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: { PK: inboxPk(userId), SK: id },
              UpdateExpression: 'SET readAt = :at REMOVE GSI5PK, GSI5SK',
              ConditionExpression: 'attribute_exists(PK) AND attribute_type(readAt, :null)',
              ExpressionAttributeValues: { ':at': at, ':null': 'NULL' },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: counterKey(userId),
              UpdateExpression: 'ADD unread :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}

/** The page of a user's notifications, or of their unread ones. */
export const readInbox = (userId: string, unreadOnly: boolean, cursor?: string, limit?: number): Promise<Page<Notification>> =>
  readPage([unreadOnly ? unreadOf(userId) : inboxOf(userId)], cursor, limit);

/** Records what became of a notification's WeChat message, only if it is still pending (tick runs may overlap). */
export async function settlePush(n: Notification, push: NonNullable<Notification['push']>): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: inboxPk(n.userId), SK: n.id },
        UpdateExpression: 'SET push = :push REMOVE GSI4PK, GSI4SK',
        ConditionExpression: 'push.#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':push': push, ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Moves a pending WeChat message to a later time (one a minute per user). */
export async function postponePush(n: Notification, until: string): Promise<void> {
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: inboxPk(n.userId), SK: n.id },
        UpdateExpression: 'SET GSI4SK = :due',
        ConditionExpression: 'push.#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':due': `${until}#push#${n.userId}/${n.id}`, ':pending': 'pending' },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailed(error)) throw error;
    });
}
