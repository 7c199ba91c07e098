import {
  addWorkingMinutes,
  isWorkingDay,
  missingYears,
  workingDayMinutes,
  workingMinutesBetween,
  type Calendar,
} from '../../shared/domain/working-time';
import { calendarYearFromPackage } from '../../scripts/calendar-data';

const calendar: Calendar = new Map([[2026, calendarYearFromPackage(2026, '2026-11-22T00:00:00.000Z')!]]);
/** Beijing wall time → the instant. */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
const at = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working days come from the calendar, not from the weekday', () => {
  test.each([
    ['2026-01-04', 'a make-up Sunday after New Year (调休上班)', true],
    ['2026-10-10', 'a make-up Saturday after National Day', true],
    ['2026-10-01', 'National Day, a Thursday', false],
    ['2026-02-16', 'Spring Festival, a Monday', false],
    ['2026-11-23', 'an ordinary Monday', true],
    ['2026-11-22', 'an ordinary Sunday', false],
    ['2027-01-04', 'a Monday of a year with no calendar yet (falls back to Monday–Friday)', true],
  ])('%s, %s: working day %s', (date, _what, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });
});

describe('adding working time', () => {
  test.each([
    ['30 minutes from a Monday 09:00', '2026-11-23 09:00', 30, '2026-11-23 09:30'],
    ['over the lunch break', '2026-11-23 11:45', 30, '2026-11-23 14:15'],
    ['a clock started at night waits for the office to open', '2026-11-23 22:00', 30, '2026-11-24 09:00'],
    ['from Friday afternoon to Monday morning', '2026-11-27 17:00', 60, '2026-11-30 09:00'],
    ['one working day (7 h) from Friday 10:00', '2026-11-27 10:00', 420, '2026-11-30 10:00'],
    ['over the make-up Saturday 10 October', '2026-10-09 17:00', 60, '2026-10-10 09:00'],
    ['over the National Day week (1–7 October)', '2026-09-30 17:00', 60, '2026-10-08 09:00'],
    ['from a New Year holiday to the make-up Sunday 4 January', '2026-01-02 17:00', 60, '2026-01-04 09:30'],
  ])('%s: %s + %i min → %s', (_name, from, minutes, expected) => {
    expect(at(addWorkingMinutes(bj(from), minutes, calendar))).toBe(expected);
  });

  test('measuring working time undoes adding it', () => {
    for (const [from, minutes] of [
      ['2026-09-30 16:00', 600],
      ['2026-11-27 11:00', 1000],
      ['2026-01-01 09:00', 30],
    ] as const) {
      const end = addWorkingMinutes(bj(from), minutes, calendar);
      expect(workingMinutesBetween(bj(from), end, calendar)).toBeCloseTo(minutes, 6);
    }
    expect(workingMinutesBetween(bj('2026-11-28 09:00'), bj('2026-11-29 18:00'), calendar)).toBe(0); // a weekend
    expect(workingDayMinutes(bj('2026-11-23 09:00'), calendar)).toBe(420);
  });
});

describe("warning staff about next year's calendar", () => {
  test.each([
    ['in June only this year is needed', '2026-06-01 09:00', []],
    ['from November next year is needed too', '2026-11-22 09:00', [2027]],
  ])('%s', (_name, now, missing) => {
    expect(missingYears(bj(now), calendar)).toEqual(missing);
  });
});
