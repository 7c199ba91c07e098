import { notFound } from '../../shared/errors';
import { DevLoginBody, type Session } from '../../shared/schemas/auth';
import { toMe } from '../auth/me';
import { issueToken } from '../auth/token';
import { isDevStage } from '../config';
import { getUser } from '../data/users';
import { publicRoute } from '../http/handler';

/** Signs in as a demo account without WeChat. Outside the local and test stages it does not exist. */
export const handler = publicRoute({ body: DevLoginBody }, async ({ body, now }): Promise<Session> => {
  if (!isDevStage()) throw notFound('route');
  const user = await getUser(body.userId);
  if (!user?.demo) throw notFound('demo user');
  return { ...(await issueToken(user.id, now)), user: await toMe(user) };
});
