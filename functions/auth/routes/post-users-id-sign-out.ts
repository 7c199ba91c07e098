import { type SignedOut, UserIdPath } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { endSessionsOf } from '../sessions';

export const handler = route(
  { roles: ['staff', 'admin'], path: UserIdPath },
  ({ user, path, now }): Promise<SignedOut> => endSessionsOf(user, path.id, now),
);
