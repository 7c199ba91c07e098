import { ServiceCreateBody, type Service } from '../../../shared/schemas/services';
import { addService } from '../services';
import { route } from '../../http/handler';

/** Staff add a service with its rules and weekly schedule; its slots open at once. */
export const handler = route(
  { roles: ['staff'], body: ServiceCreateBody, status: 201 },
  ({ user, body, now }): Promise<Service> => addService(user, body, now),
);
