import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { marksAfter, STANDING_REACH_MS, type NoShowMark, type Standing } from '../../../shared/domain/booking/noshow';
import { tableName } from '../../config';
import { db } from '../db';
import type { TransactItem } from '../transactions';

/**
 * A resident's no-show standing, kept on one item beside their no-show records (`NOSHOW#<resident>` /
 * `STANDING`): the unexcused no-shows that can still matter (`noShows`, within 120 days of the last change)
 * and `restrictedUntil` while a restriction they start runs. Changed only in the transactions of the events
 * that change it: a no-show recorded by tick adds one, an excuse takes it away (a check-in is never a
 * no-show and leaves it as it is). A booking never reads it on its way: its transaction holds a
 * ConditionCheck that the standing it assumed still holds, and only a refusal returns the item (ALL_OLD).
 */
export const standingKey = (residentId: string) => ({ PK: `NOSHOW#${residentId}`, SK: 'STANDING' });

export const NoShowStandingItem = z.object({
  noShows: z.array(z.object({ at: z.string(), bookingId: z.string() })),
  restrictedUntil: z.string().nullable().default(null),
  version: z.number().int().min(1),
});
export type NoShowStandingItem = z.infer<typeof NoShowStandingItem>;

/** The marks an item read back (or returned by a refusal) holds; none for an absent item. */
export const marksOf = (item: Record<string, unknown> | undefined): NoShowStandingItem | null =>
  item ? NoShowStandingItem.parse(item) : null;

/** AP: a resident's no-show standing (GetItem, consistent), for the events that change it. */
export async function getStanding(residentId: string): Promise<NoShowStandingItem | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: standingKey(residentId), ConsistentRead: true }));
  return marksOf(out.Item);
}

/**
 * The standing's part of a no-show's or an excuse's transaction: the marks after the change, put only over
 * the version read (two events of one resident at once: the second reads again).
 */
export function standingPut(
  residentId: string,
  read: NoShowStandingItem | null,
  change: { add: NoShowMark } | { remove: string },
  nowMs: number,
): TransactItem {
  const next = marksAfter(read?.noShows ?? [], change, nowMs);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...standingKey(residentId),
        type: 'noShowStanding',
        noShows: next.noShows,
        ...(next.restrictedUntil ? { restrictedUntil: next.restrictedUntil } : {}),
        version: (read?.version ?? 0) + 1,
      },
      ConditionExpression: read ? 'version = :v' : 'attribute_not_exists(PK)',
      ...(read ? { ExpressionAttributeValues: { ':v': read.version } } : {}),
    },
  };
}

/**
 * The check a booking's transaction makes instead of reading the standing: that the resident is (or is not)
 * restricted at `nowIso`, as the booking assumed. No item at all is an unrestricted resident.
 */
export function standingCheck(residentId: string, standing: Pick<Standing, 'restrictedUntil'>, nowIso: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: standingKey(residentId),
      ConditionExpression: standing.restrictedUntil
        ? 'restrictedUntil > :now'
        : 'attribute_not_exists(restrictedUntil) OR restrictedUntil <= :now',
      ExpressionAttributeValues: { ':now': nowIso },
    },
  };
}

/**
 * The standing rebuilt from the resident's no-show records (`NOSHOW#<resident>` / `<at>#<booking>`, which every
 * no-show still writes, with `excused` set by an excuse): for residents whose no-shows were recorded before the
 * standing item existed (scripts/migrate-no-show-standing.ts), never on a request path. Put over the version
 * read, so a no-show recorded meanwhile makes it read again.
 */
export async function rebuildStanding(residentId: string, nowMs: number): Promise<NoShowStandingItem> {
  for (;;) {
    const [records, read] = await Promise.all([
      db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :since AND :upto',
          ExpressionAttributeValues: {
            ':pk': `NOSHOW#${residentId}`,
            ':since': new Date(nowMs - STANDING_REACH_MS).toISOString(),
            ':upto': '9',
          },
          ConsistentRead: true,
        }),
      ),
      getStanding(residentId),
    ]);
    const marks = (records.Items ?? [])
      .filter((i) => i.excused !== true)
      .map((i) => ({ at: String(i.at), bookingId: String(i.bookingId) }));
    // Taking nothing away still prunes, sorts and works out the restriction.
    const next = marksAfter(marks, { remove: '' }, nowMs);
    const version = (read?.version ?? 0) + 1;
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...standingKey(residentId),
            type: 'noShowStanding',
            noShows: next.noShows,
            ...(next.restrictedUntil ? { restrictedUntil: next.restrictedUntil } : {}),
            version,
          },
          ConditionExpression: read ? 'version = :v' : 'attribute_not_exists(PK)',
          ...(read ? { ExpressionAttributeValues: { ':v': read.version } } : {}),
        }),
      );
      return { noShows: next.noShows, restrictedUntil: next.restrictedUntil, version };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
