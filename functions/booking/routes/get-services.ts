import { ServiceListQuery, type ServicePage } from '../../../shared/schemas/services';
import { route } from '../../http/handler';
import { listServices } from '../lists';

export const handler = route(
  { roles: 'any', query: ServiceListQuery },
  ({ user, query }): Promise<ServicePage> => listServices(user, query),
);
