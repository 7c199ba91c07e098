import { ServiceIdPath, type Service } from '../../../shared/schemas/services';
import { visibleService } from '../services';
import { route } from '../../http/handler';

/** One service of the user's community, with its rules and schedule. */
export const handler = route({ roles: 'any', path: ServiceIdPath }, ({ user, path }): Promise<Service> => visibleService(user, path.id));
