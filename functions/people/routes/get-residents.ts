import { PageQuery } from '../../../shared/schemas/common';
import type { ResidentPage } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { residentsServedBy } from '../residents';

export const handler = route(
  { roles: ['gridWorker', 'staff'], query: PageQuery },
  ({ user, query }): Promise<ResidentPage> => residentsServedBy(user, query),
);
