import { MeUpdateBody, type Me } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { updateProfile } from '../profile';

/** A person says who and where they are: name, home (building and flat), phone. Never roles or verification. */
export const handler = route({ roles: 'any', body: MeUpdateBody }, ({ user, body, now }): Promise<Me> => updateProfile(user, body, now));
