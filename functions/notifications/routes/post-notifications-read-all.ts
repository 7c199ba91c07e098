import type { UnreadCount } from '../../../shared/schemas/notifications';
import { route } from '../../http/handler';
import { readAll } from '../inbox';

export const handler = route({ roles: 'any' }, ({ user, now }): Promise<UnreadCount> => readAll(user.id, now));
