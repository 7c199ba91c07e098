import { invalid } from '../../shared/errors';
import { missingYears } from '../../shared/domain/working-time';
import type { CalendarOverview, CalendarYear, CalendarYearBody } from '../../shared/schemas/calendar';
import type { User } from '../../shared/schemas/users';
import { auditPut } from '../data/audit';
import { calendarYears, saveCalendarYearAudited } from '../data/settings';

/** The working-day calendar staff keep, with a warning when next year's days are not in yet. */
export async function calendarOverview(now: Date): Promise<CalendarOverview> {
  const year = now.getUTCFullYear();
  const years = await calendarYears([year - 1, year, year + 1]);
  const missing = missingYears(now.getTime(), new Map(years.map((y) => [y.year, y])));
  return {
    years,
    warning: missing.length
      ? `${missing.join('、')}年的节假日和调休安排还没有录入,工作时间暂按周一至周五计算;国务院办公厅通知发布后请及时录入。`
      : null,
  };
}

/**
 * A year of the calendar as entered from the State Council's notice: every day must lie in that year and be a
 * real date, and no day may be both a holiday and a make-up working day.
 */
export function calendarYearFrom(year: number, body: CalendarYearBody, by: User, now: Date): CalendarYear {
  const stray = [...body.holidays, ...body.workdays].find((d) => !d.startsWith(`${year}-`) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (stray) throw invalid('body', `${stray} is not a day of ${year}`);
  const both = body.holidays.find((d) => body.workdays.includes(d));
  if (both) throw invalid('body.workdays', `${both} cannot be a holiday and a working day`);
  return {
    year,
    holidays: [...new Set(body.holidays)].sort(),
    workdays: [...new Set(body.workdays)].sort(),
    hours: body.hours,
    source: `${by.name}录入`,
    updatedAt: now.toISOString(),
  };
}

/**
 * The operator enters or corrects a year of the calendar (holidays, make-up working days, office hours): it is
 * national and moves every clock of every community, so no community's staff may change it. The change and its
 * audit entry are one transaction.
 */
export async function saveCalendarYear(year: number, body: CalendarYearBody, by: User, now: Date): Promise<CalendarYear> {
  const entry = calendarYearFrom(year, body, by, now);
  const [before] = await calendarYears([year]);
  const audit = auditPut(
    {
      action: 'calendar.put',
      actorId: by.id,
      actorName: by.name,
      subject: { kind: 'calendar', id: String(year) },
      communityId: null,
      streetId: null,
      before: before ?? null,
      after: entry,
    },
    now,
  );
  await saveCalendarYearAudited(entry, audit);
  return entry;
}
