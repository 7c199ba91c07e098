/**
 * Beijing time (UTC+8, no daylight saving since 1991), the one module for it: schedules, windows, deadlines
 * and working days are set in it, and every time the app shows is in it, whatever the phone's time zone.
 * Moments are stored as ISO UTC. Pure arithmetic on epoch milliseconds; no Intl, no host time zone.
 */
const OFFSET_MS = 8 * 3_600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const shifted = (ms: number) => new Date(ms + OFFSET_MS).toISOString();

/** The Beijing calendar date of a moment: 2026-11-24. */
export const beijingDate = (ms: number): string => shifted(ms).slice(0, 10);

/** HH:MM on a Beijing clock. */
export const beijingClock = (ms: number): string => shifted(ms).slice(11, 16);

/** 2026-11: the calendar month a quota counts in. */
export const beijingMonth = (ms: number): string => beijingDate(ms).slice(0, 7);

/** “11月30日 09:00”: a moment as people read it (inbox, timelines, notes and messages). */
export const whenText = (iso: string): string => {
  const ms = Date.parse(iso);
  const [, m, d] = beijingDate(ms).split('-');
  return `${Number(m)}月${Number(d)}日 ${beijingClock(ms)}`;
};

/** The year a person's age is counted in. */
export const beijingYear = (ms: number): number => Number(beijingDate(ms).slice(0, 4));

/** The moment a Beijing wall-clock time is reached on a date. */
export const atBeijing = (date: string, clock: string): number => Date.parse(`${date}T${clock}:00.000+08:00`);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 1 Monday … 7 Sunday. */
export const weekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** The dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 202611240930: the compact Beijing stamp in a slot id. */
export const beijingStamp = (ms: number): string => shifted(ms).slice(0, 16).replace(/[-T:]/g, '');

export const iso = (ms: number): string => new Date(ms).toISOString();
