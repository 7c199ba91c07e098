import { notFound } from '../../../shared/errors';
import { DevLoginBody, type Session } from '../../../shared/schemas/auth';
import { toMe } from '../../people/me';
import { issueToken } from '../token';
import { isDevAuth } from '../../config';
import { getUser } from '../../data/users';
import { publicRoute } from '../../http/handler';

/** Signs in as a demo account without WeChat. Only where the local runner or the tests switch it on (config.isDevAuth). */
export const handler = publicRoute({ body: DevLoginBody }, async ({ body, now }): Promise<Session> => {
  if (!isDevAuth()) throw notFound('route');
  const user = await getUser(body.userId);
  if (!user?.demo) throw notFound('demo user');
  return { ...(await issueToken(user.id, now)), user: await toMe(user) };
});
