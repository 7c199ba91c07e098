import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClockContext } from '../../shared/domain/sla';
import type { Calendar } from '../../shared/domain/working-time';
import { CalendarYear } from '../../shared/schemas/calendar';
import { DEFAULT_SLA, SlaLimits } from '../../shared/schemas/sla';
import { tableName } from '../config';
import { db } from './db';
import { batchGetAll } from './retry';
import type { TransactItem } from './transactions';

/**
 * Settings kept as data: the working-day calendar (one item per year, national) and the SLA limits (the
 * operator's default, one item, and a street's own, one item per street). Read often and changed rarely, so
 * each instance keeps what it read for a minute: the calendar, and the limits of each street it met.
 */
const calendarKey = (year: number) => ({ PK: `CALENDAR#${year}`, SK: 'CALENDAR' });
const slaKey = (streetId: string | null) => ({ PK: streetId ? `SETTINGS#sla#${streetId}` : 'SETTINGS#sla', SK: 'SETTINGS' });
const CACHE_MS = 60_000;

let cache: { at: number; calendar: Calendar; table: string; year: number } | null = null;
let limitsCache = new Map<string, { at: number; limits: SlaLimits; table: string }>();

/** Limits as stored, with the version that guards their next change. */
export interface StoredSla {
  limits: SlaLimits;
  version: number;
}
const storedSla = (item: Record<string, unknown> | undefined): StoredSla | null =>
  item ? { limits: SlaLimits.parse(item.limits), version: typeof item.version === 'number' ? item.version : 0 } : null;

/** AP: some years of the calendar (BatchGetItem of CALENDAR#<year>). */
export async function calendarYears(years: readonly number[]): Promise<CalendarYear[]> {
  const out = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: years.map(calendarKey), ConsistentRead: true } } }),
  );
  return (out.Responses?.[tableName()] ?? []).map((item) => CalendarYear.parse(item)).sort((a, b) => a.year - b.year);
}

/** Seeds: a plain put of a year. */
export async function putCalendarYear(year: CalendarYear): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...calendarKey(year.year), type: 'calendar', ...year } }));
  cache = null;
}

/** A year of the calendar with the audit entry of the change, in one transaction. */
export async function saveCalendarYearAudited(year: CalendarYear, audit: TransactItem): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: tableName(), Item: { ...calendarKey(year.year), type: 'calendar', ...year } } }, audit],
    }),
  );
  cache = null;
}

/**
 * AP: the limits a street works to and where they come from (one BatchGetItem of the street's item and the
 * default): the street's own, else the operator's default, else the built-in defaults. No street: the default.
 */
export async function slaLimitsOf(
  streetId: string | null,
): Promise<{ limits: SlaLimits; source: 'street' | 'default'; own: StoredSla | null; fallback: StoredSla | null }> {
  const keys = streetId ? [slaKey(streetId), slaKey(null)] : [slaKey(null)];
  const items = await batchGetAll(keys);
  const find = (key: { PK: string }) => storedSla(items.find((i) => i.PK === key.PK));
  const fallback = find(slaKey(null));
  const own = streetId ? find(slaKey(streetId)) : fallback;
  if (streetId && own) return { limits: own.limits, source: 'street', own, fallback };
  return { limits: fallback?.limits ?? DEFAULT_SLA, source: 'default', own: streetId ? null : fallback, fallback };
}

/**
 * Limits set, a street's or the default (`streetId: null`), only if unchanged since read (`previous`: the stored
 * version, null when there was none), with the audit entry of the change: one transaction.
 */
export async function saveSlaLimitsAudited(
  streetId: string | null,
  limits: SlaLimits,
  previous: StoredSla | null,
  audit: TransactItem,
): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...slaKey(streetId),
              type: 'settings',
              ...(streetId ? { streetId } : {}),
              limits,
              version: (previous?.version ?? 0) + 1,
            },
            ...(previous
              ? {
                  ConditionExpression: 'attribute_not_exists(version) OR version = :v',
                  ExpressionAttributeValues: { ':v': previous.version },
                }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          },
        },
        audit,
      ],
    }),
  );
  limitsCache = new Map();
}

/** A street's limits, from this instance's minute-long cache when it has them. */
async function cachedLimits(streetId: string | null): Promise<SlaLimits> {
  const key = streetId ?? '';
  const hit = limitsCache.get(key);
  if (hit && hit.table === tableName() && Date.now() - hit.at <= CACHE_MS) return hit.limits;
  const { limits } = await slaLimitsOf(streetId);
  limitsCache.set(key, { at: Date.now(), limits, table: tableName() });
  return limits;
}

/**
 * What the clocks of a wish need at `now`: the limits of its street (the wish's `streetId`; its own or the
 * default) and the calendar of last year, this year and the next two.
 */
export async function clockContext(now: Date, streetId: string | null): Promise<ClockContext> {
  const [limits, calendar] = await Promise.all([cachedLimits(streetId), cachedCalendar(now.getUTCFullYear())]);
  return { calendar, limits, now: now.getTime() };
}

async function cachedCalendar(year: number): Promise<Calendar> {
  if (!cache || cache.table !== tableName() || cache.year !== year || Date.now() - cache.at > CACHE_MS) {
    const years = await calendarYears([year - 1, year, year + 1, year + 2]);
    cache = { at: Date.now(), calendar: new Map(years.map((y) => [y.year, y])), table: tableName(), year };
  }
  return cache.calendar;
}

/** For tests that change the settings between cases. */
export const forgetSettings = (): void => {
  cache = null;
  limitsCache = new Map();
};
