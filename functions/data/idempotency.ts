import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import { db } from './db';

/** Keys live a day: long enough for any retry of a flaky phone network, short enough to expire (TTL). */
const TTL_SECONDS = 24 * 60 * 60;

export const idempotencyItemKey = (userId: string, idempotencyKey: string) => ({
  PK: `IDEMPOTENCY#${userId}#${idempotencyKey}`,
  SK: 'IDEMPOTENCY',
});

export const IdempotencyRecord = z.object({ resultId: z.string(), requestHash: z.string() });
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

export const hashRequest = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** AP: the result a user's earlier request with this key produced. Keys are per user: one user cannot replay another's. */
export async function findIdempotent(userId: string, idempotencyKey: string): Promise<IdempotencyRecord | null> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: idempotencyItemKey(userId, idempotencyKey), ConsistentRead: true }),
  );
  return out.Item ? IdempotencyRecord.parse(out.Item) : null;
}

/** The guarded put that joins the create's transaction: only the first request with this key can write. */
export function idempotencyPut(userId: string, idempotencyKey: string, requestHash: string, resultId: string, now: Date) {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...idempotencyItemKey(userId, idempotencyKey),
        type: 'idempotency',
        resultId,
        requestHash,
        expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
