import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NoShowRecord } from '../../../shared/domain/booking/noshow';
import { tableName } from '../../config';
import { db } from '../db';
import type { TransactItem } from '../transactions';

/**
 * A resident's use of one service: `active` (applications and bookings still to come) and one counter
 * per Beijing month (`m2026-11`), changed in the same transaction as the booking, with the caps in the
 * condition. Keyed by the resident, never by who booked: a grid worker's booking uses the resident's.
 */
export const quotaKey = (residentId: string, serviceId: string) => ({ PK: `QUOTA#${residentId}#${serviceId}`, SK: 'QUOTA' });
const monthAttr = (month: string) => `m${month}`;

/** AP: a resident's use of a service now and in a month (GetItem, consistent). */
export async function quotaUse(residentId: string, serviceId: string, month: string): Promise<QuotaUse> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: quotaKey(residentId, serviceId), ConsistentRead: true }));
  return quotaUseOf(out.Item, month);
}

export interface QuotaUse {
  active: number;
  month: number;
}

/** The use a quota item records now and in one month (an absent item is no use). */
export const quotaUseOf = (item: Record<string, unknown> | undefined, month: string): QuotaUse => ({
  active: Math.max(0, Number(item?.active ?? 0)),
  month: Math.max(0, Number(item?.[monthAttr(month)] ?? 0)),
});

/**
 * The quota's part of a transaction, or null when nothing changes. With `caps`, a rise must stay
 * within them (the condition fails with QUOTA_EXCEEDED otherwise); a fall never fails.
 */
export function quotaUpdate(
  residentId: string,
  serviceId: string,
  month: string,
  delta: { active: number; month: number },
  caps: { active: number; perMonth: number } | null,
): TransactItem | null {
  if (delta.active === 0 && delta.month === 0) return null;
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':da': delta.active, ':dm': delta.month, ':type': 'quota' };
  if (caps && delta.active > 0) {
    conditions.push('(attribute_not_exists(active) OR active < :ca)');
    values[':ca'] = caps.active;
  }
  if (caps && delta.month > 0) {
    conditions.push('(attribute_not_exists(#m) OR #m < :cm)');
    values[':cm'] = caps.perMonth;
  }
  return {
    Update: {
      TableName: tableName(),
      Key: quotaKey(residentId, serviceId),
      UpdateExpression: 'ADD active :da, #m :dm SET #t = :type',
      ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: { '#m': monthAttr(month), '#t': 'type' },
      ExpressionAttributeValues: values,
    },
  };
}

/** A confirmed no-show: one item per booking under the resident (`NOSHOW#<resident>` / `<at>#<booking>`). */
const noShowKey = (residentId: string, at: string, bookingId: string) => ({ PK: `NOSHOW#${residentId}`, SK: `${at}#${bookingId}` });

export const noShowPut = (residentId: string, at: string, bookingId: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...noShowKey(residentId, at, bookingId), type: 'noShow', at, bookingId, excused: false },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export const noShowExcuse = (residentId: string, at: string, bookingId: string, reason: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: noShowKey(residentId, at, bookingId),
    UpdateExpression: 'SET excused = :yes, excuse = :why',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':yes': true, ':why': reason },
  },
});

/**
 * AP: a resident's no-show records since a moment (Query `NOSHOW#<resident>`, SK from `since`, the records alone:
 * not their `STANDING`). No request path reads them: a booking's transaction checks the standing item
 * (standing.ts); they stay the history the standing can be rebuilt from.
 */
export async function noShowsOf(residentId: string, sinceIso: string): Promise<NoShowRecord[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :since AND :upto',
      ExpressionAttributeValues: { ':pk': `NOSHOW#${residentId}`, ':since': sinceIso, ':upto': '9' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => ({ at: String(i.at), excused: i.excused === true }));
}
