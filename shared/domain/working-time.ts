import type { CalendarYear, WorkingHours } from '../schemas/calendar';
import { atBeijing, beijingDate, DAY_MS } from './beijing-time';

/**
 * Working time in Beijing (UTC+8, no daylight saving), over a calendar kept as data. No weekday rule is
 * hard-coded beyond the fallback for a year that has no calendar yet: a make-up Sunday (调休) is a working
 * day and a holiday Monday is not, because the calendar says so.
 */
export type Calendar = ReadonlyMap<number, Pick<CalendarYear, 'holidays' | 'workdays' | 'hours'>>;

export const DEFAULT_HOURS: WorkingHours = [
  { from: '08:30', to: '12:00' },
  { from: '14:00', to: '17:30' },
];

/** The instant a Beijing day starts (00:00 Beijing). */
const dayStart = (date: string): number => atBeijing(date, '00:00');
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  const year = calendar.get(Number(date.slice(0, 4)));
  if (year?.holidays.includes(date)) return false;
  if (year?.workdays.includes(date)) return true;
  const weekday = new Date(`${date}T12:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const hoursOf = (date: string, calendar: Calendar): WorkingHours => calendar.get(Number(date.slice(0, 4)))?.hours ?? DEFAULT_HOURS;

/** The working spans of a Beijing day, as [start, end) instants; none on a rest day. */
function spansOf(date: string, calendar: Calendar): [number, number][] {
  if (!isWorkingDay(date, calendar)) return [];
  const start = dayStart(date);
  return hoursOf(date, calendar).map((s) => [start + minutesOf(s.from) * 60_000, start + minutesOf(s.to) * 60_000]);
}

/** Minutes in a working day of the year an instant falls in (for "1 working day" = one day's office hours). */
export const workingDayMinutes = (ms: number, calendar: Calendar): number =>
  hoursOf(beijingDate(ms), calendar).reduce((sum, s) => sum + minutesOf(s.to) - minutesOf(s.from), 0);

const MAX_DAYS = 400;

/** The instant `minutes` of working time after `fromMs` (a clock started outside office hours waits for them). */
export function addWorkingMinutes(fromMs: number, minutes: number, calendar: Calendar): number {
  let left = minutes * 60_000;
  for (let day = 0, date = beijingDate(fromMs); day < MAX_DAYS; day++, date = beijingDate(dayStart(date) + DAY_MS + 1)) {
    for (const [start, end] of spansOf(date, calendar)) {
      const from = Math.max(start, fromMs);
      if (from >= end) continue;
      if (from + left <= end) return from + left;
      left -= end - from;
    }
  }
  throw new Error(`no working time within ${MAX_DAYS} days of ${new Date(fromMs).toISOString()}`);
}

/** Working minutes between two instants (0 if `toMs` is not after `fromMs`). */
export function workingMinutesBetween(fromMs: number, toMs: number, calendar: Calendar): number {
  let total = 0;
  for (let date = beijingDate(fromMs); dayStart(date) < toMs; date = beijingDate(dayStart(date) + DAY_MS + 1)) {
    for (const [start, end] of spansOf(date, calendar)) total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  }
  return total / 60_000;
}

/** Years a calendar should have by `nowMs`: this one, and next year once the State Council's notice is due (from November). */
export function missingYears(nowMs: number, calendar: Calendar): number[] {
  const today = beijingDate(nowMs);
  const year = Number(today.slice(0, 4));
  const wanted = Number(today.slice(5, 7)) >= 11 ? [year, year + 1] : [year];
  return wanted.filter((y) => !calendar.has(y));
}
