import { notFound } from '../../../shared/errors';
import type { DevUserList } from '../../../shared/schemas/auth';
import { isDevAuth } from '../../config';
import { demoUsers } from '../../data/users';
import { publicRoute } from '../../http/handler';

/** The demo accounts for the local sign-in page. Only where the local runner or the tests switch it on. */
export const handler = publicRoute({}, async (): Promise<DevUserList> => {
  if (!isDevAuth()) throw notFound('route');
  return { items: await demoUsers() };
});
