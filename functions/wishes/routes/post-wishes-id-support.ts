import { SupportBody } from '../../../shared/schemas/queue';
import { WishIdPath, type WishDetail } from '../../../shared/schemas/wishes';
import { route } from '../../http/handler';
import { support } from '../support';

/** "Me too" (我也遇到): join a neighbour's open wish about a shared place; once per person. The write limit rides in its transaction. */
export const handler = route(
  { roles: ['resident'], path: WishIdPath, body: SupportBody, limit: 'in-transaction' },
  ({ user, path, now, writeLimit }): Promise<WishDetail> => support(user, path.id, now, writeLimit),
);
