import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { creditFor, DEFAULT_CREDIT_POINTS } from '../../shared/domain/credits';
import { CreditEntry, CreditPoints } from '../../shared/schemas/credits';
import type { Wish } from '../../shared/schemas/wishes';
import { tableName } from '../config';
import { db, INDEX } from './db';
import type { Source } from './pagination';
import { batchGetAll, optimistic } from './retry';
import { cancellationCodes, isCancelled, type TransactItem } from './transactions';

/**
 * The volunteers' credit ledger: entries `CREDIT#<userId>` / `<at>#<id>` (GSI1 `CREDITS#TEAM#<teamId>` for the
 * team's view, GSI2 `CREDITWISH#<wishId>` to find a wish's), put once (`attribute_not_exists`) and never
 * updated; the balance `CREDITBAL#<userId>` / `BALANCE`, an atomic ADD in the same transaction as its entry.
 * The points table `CREDITS#POINTS` / `CREDITS` is data.
 */
const entryKey = (e: Pick<CreditEntry, 'userId' | 'at' | 'id'>) => ({ PK: `CREDIT#${e.userId}`, SK: `${e.at}#${e.id}` });
const balanceKey = (userId: string) => ({ PK: `CREDITBAL#${userId}`, SK: 'BALANCE' });
const pointsKey = { PK: 'CREDITS#POINTS', SK: 'CREDITS' };

/** An entry and the balance it moves, for the transaction of what earned (or reversed) it. */
export function creditPuts(entry: CreditEntry): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...entryKey(entry),
          type: 'creditEntry',
          ...entry,
          ...(entry.teamId ? { GSI1PK: `CREDITS#TEAM#${entry.teamId}`, GSI1SK: `${entry.at}#${entry.id}` } : {}),
          GSI2PK: `CREDITWISH#${entry.wishId}`,
          GSI2SK: `${entry.at}#${entry.id}`,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: balanceKey(entry.userId),
        UpdateExpression: 'ADD balance :p, entries :one SET #t = :t, userId = :u',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':p': entry.points, ':one': 1, ':t': 'creditBalance', ':u': entry.userId },
      },
    },
  ];
}

/** AP: the points table (GetItem); the built-in one until the operator sets one. */
export async function creditPoints(): Promise<CreditPoints> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: pointsKey }));
  return out.Item ? CreditPoints.parse(out.Item) : DEFAULT_CREDIT_POINTS;
}

export async function putCreditPoints(table: CreditPoints): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...pointsKey, type: 'creditPoints', ...table } }));
}

/** The credit a transition earns, for its transaction: nothing unless it confirms a volunteer's task. */
export async function creditWrites(previous: Wish, wish: Wish, at: string): Promise<TransactItem[]> {
  const probe = creditFor(previous, wish, at, DEFAULT_CREDIT_POINTS);
  if (!probe) return [];
  return creditPuts(creditFor(previous, wish, at, await creditPoints())!);
}

/** AP: a volunteer's entries, newest first (Query `CREDIT#user`, backwards). */
export const ledgerOf = (userId: string): Source<CreditEntry> => ({
  index: 'table',
  partitions: [`CREDIT#${userId}`],
  forward: false,
  item: CreditEntry,
});

/** AP: the entries earned on a team's wishes, newest first (Query GSI1 `CREDITS#TEAM#team`, backwards). */
export const ledgerOfTeam = (teamId: string): Source<CreditEntry> => ({
  index: INDEX.gsi1,
  partitions: [`CREDITS#TEAM#${teamId}`],
  forward: false,
  item: CreditEntry,
});

/** AP: some volunteers' balances (BatchGetItem `CREDITBAL#user`); nobody with none is 0. */
export async function balancesOf(userIds: readonly string[]): Promise<Map<string, { balance: number; entries: number }>> {
  const found = await batchGetAll([...new Set(userIds)].map(balanceKey));
  const out = new Map(userIds.map((id) => [id, { balance: 0, entries: 0 }]));
  for (const item of found) out.set(String(item.userId), { balance: Number(item.balance ?? 0), entries: Number(item.entries ?? 0) });
  return out;
}

/** AP: the entries of one wish (GSI2 `CREDITWISH#wish`): the task's, and its reversal if any. */
export async function creditsOfWish(wishId: string): Promise<CreditEntry[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.gsi2,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': `CREDITWISH#${wishId}` },
    }),
  );
  return (out.Items ?? []).map((i) => CreditEntry.parse(i));
}

/**
 * AP: a reversal: its entry, the balance moved back, and a guard (`CREDITREV#<wishId>`, `attribute_not_exists`) so a
 * task's credit is reversed at most once, in one transaction. False when it was reversed already.
 */
export const putReversal = (entry: CreditEntry): Promise<boolean> =>
  // A confirmation crediting the same volunteer at that moment collides on the balance: read nothing, try again.
  optimistic('reverse a credit', () => tryReversal(entry));

async function tryReversal(entry: CreditEntry): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { PK: `CREDITREV#${entry.wishId}`, SK: 'CREDITREV', type: 'creditReversalGuard', entryId: entry.id },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...creditPuts(entry),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isCancelled(error) && cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
