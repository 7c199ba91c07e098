import type { CalendarYear } from '../shared/schemas/calendar';
import { DEFAULT_HOURS } from '../shared/domain/working-time';

interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * A year of the working-day calendar from the maintained `chinese-days` package (holidays and make-up
 * working days of the State Council's notices), or null when the package does not have that year yet.
 */
export function calendarYearFromPackage(year: number, now: string): CalendarYear | null {
  const days = require('chinese-days/dist/chinese-days.json') as ChineseDays;
  const of = (map: Record<string, string>) =>
    Object.keys(map)
      .filter((d) => d.startsWith(`${year}-`))
      .sort();
  const holidays = of(days.holidays);
  if (!holidays.length) return null;
  return { year, holidays, workdays: of(days.workdays), hours: DEFAULT_HOURS, source: 'chinese-days@1.5.7', updatedAt: now };
}
