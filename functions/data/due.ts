import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BookingDueKind } from '../../shared/domain/booking/schedule';
import type { CouncilDueKind } from '../../shared/domain/council/clock';
import { tableName } from '../config';
import { db, INDEX } from './db';

/**
 * The sparse due index (GSI4): an item with something due at a known time (a wish's clock, a claim's
 * lease, a pending WeChat message, a booking's offer) carries `DUE` / `<dueAt>#<kind>#<ref>`; nothing else
 * does. The scheduled `tick` finds all that is due with one Query, never a table scan.
 */
export type DueKind = 'wish' | 'push' | BookingDueKind | CouncilDueKind;

export const dueKeys = (dueAt: string | null, kind: DueKind, ref: string): Record<string, string> =>
  dueAt ? { GSI4PK: 'DUE', GSI4SK: `${dueAt}#${kind}#${ref}` } : {};

export interface DueEntry {
  dueAt: string;
  kind: DueKind;
  ref: string;
}

const parseEntry = (sk: string): DueEntry => {
  const [dueAt, kind, ...ref] = sk.split('#');
  return { dueAt, kind: kind as DueKind, ref: ref.join('#') };
};

/**
 * AP: what is due by `now`, oldest first (Query GSI4 `DUE`, sort key ≤ now), a page at a time. Keys only:
 * each processor reads its item afresh, consistently, before acting.
 */
export async function dueBy(
  now: Date,
  limit: number,
  after?: Record<string, unknown>,
): Promise<{ entries: DueEntry[]; next?: Record<string, unknown> }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.gsi4,
      KeyConditionExpression: 'GSI4PK = :due AND GSI4SK <= :now',
      ExpressionAttributeValues: { ':due': 'DUE', ':now': `${now.toISOString()}~` },
      ProjectionExpression: 'GSI4SK',
      Limit: limit,
      ExclusiveStartKey: after,
    }),
  );
  return { entries: (out.Items ?? []).map((i) => parseEntry(String(i.GSI4SK))), next: out.LastEvaluatedKey };
}
