import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { db } from './db';
import { dueKeys, type DueKind } from './due';
import { isConditionFailed, type TransactItem } from './transactions';

/**
 * A timer: a small item beside what it belongs to (`SLOT#<id>` / `DUE#<kind>`), carrying one entry of
 * the due index (GSI4). An item holds one due entry only, and a slot has several moments (the draw, the
 * release of held-back seats, the reminder, the no-show check), so each moment is its own item. A
 * processor deletes its timer when its work is done; a timer that is gone means the work was done.
 */
const timerKey = (owner: string, kind: DueKind) => ({ PK: owner, SK: `DUE#${kind}` });

export const timerPut = (owner: string, kind: DueKind, ref: string, at: string): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...timerKey(owner, kind), type: 'timer', kind, ref, at, ...dueKeys(at, kind, ref) } },
});

/** AP: a timer of an item (is the work still to do, and when). */
export async function getTimer(owner: string, kind: DueKind): Promise<{ at: string } | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: timerKey(owner, kind), ConsistentRead: true }));
  return typeof out.Item?.at === 'string' ? { at: out.Item.at } : null;
}

/** The work is done: the timer goes (harmless if a concurrent run removed it first). */
export async function finishTimer(owner: string, kind: DueKind): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: timerKey(owner, kind) }));
}

/** Moves a timer to its next moment, only if it is still at the one read (overlapping tick runs move it once). */
export async function moveTimer(owner: string, kind: DueKind, ref: string, from: string, to: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: timerKey(owner, kind),
        UpdateExpression: 'SET #at = :to, GSI4SK = :sk',
        ConditionExpression: '#at = :from',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':to': to, ':from': from, ':sk': dueKeys(to, kind, ref).GSI4SK },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
