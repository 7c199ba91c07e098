import { type MonthlyReport, ReportQuery } from '../../../shared/schemas/figures';
import { route } from '../../http/handler';
import { readReport } from '../report';

export const handler = route(
  { roles: 'any', query: ReportQuery },
  ({ user, query, now }): Promise<MonthlyReport> => readReport(user, query, now),
);
