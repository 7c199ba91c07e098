import { notFound } from '../../shared/errors';
import type { DevUserList } from '../../shared/schemas/auth';
import { isDevStage } from '../config';
import { demoUsers } from '../data/users';
import { publicRoute } from '../http/handler';

/** The demo accounts for the local sign-in page. Outside the local and test stages it does not exist. */
export const handler = publicRoute({}, async (): Promise<DevUserList> => {
  if (!isDevStage()) throw notFound('route');
  return { items: await demoUsers() };
});
