import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClockContext } from '../../shared/domain/sla';
import type { Calendar } from '../../shared/domain/working-time';
import { CalendarYear } from '../../shared/schemas/calendar';
import { DEFAULT_SLA, SlaLimits } from '../../shared/schemas/sla';
import { tableName } from '../config';
import { db } from './db';
import type { TransactItem } from './transactions';

/**
 * Settings kept as data: the working-day calendar (one item per year) and the SLA limits (one item).
 * Read often and changed rarely, so each instance keeps what it read for a minute.
 */
const calendarKey = (year: number) => ({ PK: `CALENDAR#${year}`, SK: 'CALENDAR' });
const SLA_KEY = { PK: 'SETTINGS#sla', SK: 'SETTINGS' };
const CACHE_MS = 60_000;

let cache: { at: number; calendar: Calendar; limits: SlaLimits; table: string; year: number } | null = null;

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

/** AP: the SLA limits (GetItem), the defaults until someone changes them. */
export async function slaLimits(): Promise<SlaLimits> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: SLA_KEY, ConsistentRead: true }));
  return out.Item ? SlaLimits.parse(out.Item.limits) : DEFAULT_SLA;
}

export async function putSlaLimits(limits: SlaLimits): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...SLA_KEY, type: 'settings', limits } }));
  cache = null;
}

/** What the clocks need at `now`: the limits and the calendar of last year, this year and the next two. */
export async function clockContext(now: Date): Promise<ClockContext> {
  const year = now.getUTCFullYear();
  if (!cache || cache.table !== tableName() || cache.year !== year || Date.now() - cache.at > CACHE_MS) {
    const [years, limits] = await Promise.all([calendarYears([year - 1, year, year + 1, year + 2]), slaLimits()]);
    cache = { at: Date.now(), calendar: new Map(years.map((y) => [y.year, y])), limits, table: tableName(), year };
  }
  return { calendar: cache.calendar, limits: cache.limits, now: now.getTime() };
}

/** For tests that change the settings between cases. */
export const forgetSettings = (): void => {
  cache = null;
};
