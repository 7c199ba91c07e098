import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../../config';
import { db } from '../db';
import { slotOwner } from './slots';
import type { TransactItem } from '../transactions';

/**
 * A slot's waiting list: one entry per resident in the slot's partition, `WAIT#<order>`, read in
 * order with a consistent Query. Those the draw placed come first, by drawn rank (`0#<rank>#…`); then
 * those who joined, in the order their joins committed (`1#<the slot's waitVersion they joined on>#…`: every join
 * is guarded on that version and moves it, so no two joins share one, and a request's start time, which a
 * slower request can beat, plays no part). The entry's key is also on the booking (`waitKey`).
 */
export const WaitEntry = z.object({ SK: z.string(), residentId: z.string(), assisted: z.boolean() });
export type WaitEntry = z.infer<typeof WaitEntry>;

export const drawnWaitKey = (rank: number, residentId: string) => `WAIT#0#${String(rank).padStart(6, '0')}#${residentId}`;
export const joinedWaitKey = (waitVersion: number, residentId: string) => `WAIT#1#${String(waitVersion).padStart(9, '0')}#${residentId}`;

export const waitPut = (slotId: string, key: string, residentId: string, assisted: boolean): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { PK: slotOwner(slotId), SK: key, type: 'waitEntry', residentId, assisted },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export const waitDelete = (slotId: string, key: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: { PK: slotOwner(slotId), SK: key }, ConditionExpression: 'attribute_exists(PK)' },
});

/** AP: the head of a slot's waiting list, in order (Query `SLOT#<slot>`, SK begins with WAIT#, consistent). */
export async function waitlistOf(slotId: string, limit = 50): Promise<WaitEntry[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :wait)',
      ExpressionAttributeValues: { ':pk': slotOwner(slotId), ':wait': 'WAIT#' },
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => WaitEntry.parse(i));
}

/** AP: where an entry stands on its waiting list, 1 for the head (a Query that counts up to it). */
export async function waitPosition(slotId: string, key: string): Promise<number> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :mine',
      ExpressionAttributeValues: { ':pk': slotOwner(slotId), ':first': 'WAIT#', ':mine': key },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}
