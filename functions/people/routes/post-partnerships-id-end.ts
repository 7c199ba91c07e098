import { PartnershipPath, type Partnership } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { decidePartnership } from '../partnerships';

/** Either community's staff end an agreement; routing stops using it. */
export const handler = route(
  { roles: ['staff'], path: PartnershipPath },
  ({ user, path, now }): Promise<Partnership> => decidePartnership(user, path.id, 'end', now),
);
