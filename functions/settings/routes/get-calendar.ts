import { missingYears } from '../../../shared/domain/working-time';
import type { CalendarOverview } from '../../../shared/schemas/calendar';
import { calendarYears } from '../../data/settings';
import { route } from '../../http/handler';

/** The working-day calendar staff keep, with a warning when next year's days are not in yet. */
export const handler = route({ roles: ['gridWorker', 'staff', 'streetStaff', 'admin'] }, async ({ now }): Promise<CalendarOverview> => {
  const year = now.getUTCFullYear();
  const years = await calendarYears([year - 1, year, year + 1]);
  const missing = missingYears(now.getTime(), new Map(years.map((y) => [y.year, y])));
  return {
    years,
    warning: missing.length ? `${missing.join('、')}年的节假日和调休安排还没有录入,工作时间暂按周一至周五计算;国务院办公厅通知发布后请及时录入。` : null,
  };
});
