import { DevLoginBody, type Session } from '../../../shared/schemas/auth';
import { publicRoute } from '../../http/handler';
import { signInAsDemo } from '../sign-in';

export const handler = publicRoute({ body: DevLoginBody }, ({ body, now }): Promise<Session> => signInAsDemo(body.userId, now));
