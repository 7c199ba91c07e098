import { ServiceIdPath, ServiceUpdateBody, type Service } from '../../../shared/schemas/services';
import { changeService } from '../services';
import { route } from '../../http/handler';

/** Staff change a service's rules or schedule; slots already open keep theirs (change those with PATCH /slots/{id}). */
export const handler = route(
  { roles: ['staff'], path: ServiceIdPath, body: ServiceUpdateBody },
  ({ user, path, body, now }): Promise<Service> => changeService(user, path.id, body, now),
);
