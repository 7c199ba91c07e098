import { invalid } from '../../../shared/errors';
import { CalendarYearBody, YearPath, type CalendarYear } from '../../../shared/schemas/calendar';
import { putCalendarYear } from '../../data/settings';
import { route } from '../../http/handler';

/** Staff enter or correct a year of the calendar (holidays, make-up working days, office hours) from the State Council's notice. */
export const handler = route({ roles: ['staff', 'streetStaff', 'admin'], path: YearPath, body: CalendarYearBody }, async ({ user, path, body, now }): Promise<CalendarYear> => {
  const stray = [...body.holidays, ...body.workdays].find((d) => !d.startsWith(`${path.year}-`) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (stray) throw invalid('body', `${stray} is not a day of ${path.year}`);
  const both = body.holidays.find((d) => body.workdays.includes(d));
  if (both) throw invalid('body.workdays', `${both} cannot be a holiday and a working day`);
  const year: CalendarYear = { year: path.year, holidays: [...new Set(body.holidays)].sort(), workdays: [...new Set(body.workdays)].sort(), hours: body.hours, source: `${user.name}录入`, updatedAt: now.toISOString() };
  await putCalendarYear(year);
  return year;
});
