import type { SignedOut } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { signOut } from '../sessions';

export const handler = route({ roles: 'any' }, ({ user, now }): Promise<SignedOut> => signOut(user, now));
