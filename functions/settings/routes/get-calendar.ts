import type { CalendarOverview } from '../../../shared/schemas/calendar';
import { route } from '../../http/handler';
import { calendarOverview } from '../calendar';

export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin'] },
  ({ now }): Promise<CalendarOverview> => calendarOverview(now),
);
