import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../shared/schemas/common';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readPage } from './pagination';
import type { TransactItem } from './transactions';

/**
 * "Me too" (我也遇到): a neighbour's record of supporting a wish, in the wish's partition, and listed for
 * them (GSI1 SUPPORTS#user) so they follow its progress among their own.
 */
const supporterKey = (wishId: string, userId: string) => ({ PK: `WISH#${wishId}`, SK: `SUPPORTER#${userId}` });
export const Support = z.object({ wishId: z.string(), userId: z.string(), at: z.string() });
export type Support = z.infer<typeof Support>;

/** AP: whether a user supports a wish. */
export async function isSupporter(wishId: string, userId: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: supporterKey(wishId, userId), ConsistentRead: true }));
  return !!out.Item;
}

/** The record, once per person and wish: joins the transaction that counts the support on the wish. */
export const supportPut = (s: Support): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...supporterKey(s.wishId, s.userId), type: 'support', ...s, GSI1PK: `SUPPORTS#${s.userId}`, GSI1SK: `${s.at}#${s.wishId}` },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** AP: the wishes a user supports, newest first (GSI1 SUPPORTS#user). */
export const supportsOf = (userId: string, cursor?: string): Promise<Page<Support>> =>
  readPage([{ index: INDEX.gsi1, partitions: [`SUPPORTS#${userId}`], forward: false, item: Support }], cursor);
