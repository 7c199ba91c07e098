import { CalendarYearBody, YearPath, type CalendarYear } from '../../../shared/schemas/calendar';
import { route } from '../../http/handler';
import { saveCalendarYear } from '../calendar';

export const handler = route(
  { roles: ['admin'], path: YearPath, body: CalendarYearBody },
  ({ user, path, body, now }): Promise<CalendarYear> => saveCalendarYear(path.year, body, user, now),
);
