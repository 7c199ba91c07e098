import { AuditQuery, type AuditPage } from '../../../shared/schemas/audit';
import { route } from '../../http/handler';
import { readAudit } from '../audit';

export const handler = route(
  { roles: ['admin', 'streetStaff'], query: AuditQuery },
  ({ user, query }): Promise<AuditPage> => readAudit(user, query),
);
