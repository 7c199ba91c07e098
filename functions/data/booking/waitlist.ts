import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../../config';
import { db } from '../db';
import { slotOwner } from './slots';
import type { TransactItem } from '../transactions';

/**
 * A slot's waiting list: one entry per resident in the slot's partition, `WAIT#<order>`, read in
 * order with a consistent Query. Those the draw placed come first, by drawn rank (`0#<rank>#…`); then
 * those who joined, by the number each took from the slot's counter item (`1#<number>#…`,
 * `takeWaitNumber`): numbers follow the order joiners took them and no two are the same, and taking
 * one is a single atomic update, so a crowd joining at once never retries on a version. The entry's
 * key is also on the booking (`waitKey`); an offer goes to the lowest key still waiting.
 */
export const WaitEntry = z.object({ SK: z.string(), residentId: z.string(), assisted: z.boolean() });
export type WaitEntry = z.infer<typeof WaitEntry>;

export const drawnWaitKey = (rank: number, residentId: string) => `WAIT#0#${String(rank).padStart(6, '0')}#${residentId}`;
export const joinedWaitKey = (number: number, residentId: string) => `WAIT#1#${String(number).padStart(9, '0')}#${residentId}`;

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

/**
 * The slot's waiting-list numbers, on an item of their own (`SLOT#<slot>` / `WAITNO`) that no transaction
 * touches, so taking a number never meets a booking's transaction on the slot item. `issued` is the last
 * number given, `first` the number the counter started after, `burned` the numbers taken by joins that
 * did not go through.
 */
const numbersKey = (slotId: string) => ({ PK: slotOwner(slotId), SK: 'WAITNO' });

export interface WaitNumber {
  number: number;
  /** Numbers given before this one since the counter started. */
  before: number;
  /** Of those, the ones given back unused. */
  burned: number;
}

/**
 * AP: the next number on a slot's waiting list (UpdateItem, ReturnValues UPDATED_NEW): one atomic update,
 * so a hundred joiners at once each get their own number with no conflict. The counter starts after
 * `after` (the slot's waitVersion when it is first used), above any key an older join took.
 */
export async function takeWaitNumber(slotId: string, after: number): Promise<WaitNumber> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: numbersKey(slotId),
      UpdateExpression:
        'SET issued = if_not_exists(issued, :after) + :one, #first = if_not_exists(#first, :after), burned = if_not_exists(burned, :zero), #t = :type',
      ExpressionAttributeNames: { '#first': 'first', '#t': 'type' },
      ExpressionAttributeValues: { ':after': after, ':one': 1, ':zero': 0, ':type': 'waitNumbers' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const n = z.object({ issued: z.number().int(), first: z.number().int(), burned: z.number().int() }).parse(out.Attributes);
  return { number: n.issued, before: n.issued - n.first - 1, burned: n.burned };
}

/** AP: a number taken by a join that did not go through (refused, or decided otherwise), so later joiners are not told a place too far back. */
export async function burnWaitNumber(slotId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: numbersKey(slotId),
      UpdateExpression: 'ADD burned :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}
