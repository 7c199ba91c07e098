import type { Me } from '../../../shared/schemas/users';
import { toMe } from '../me';
import { route } from '../../http/handler';

export const handler = route({ roles: 'any' }, ({ user }): Promise<Me> => toMe(user));
