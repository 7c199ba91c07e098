import { PartnershipPath, type Partnership } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { decidePartnership } from '../partnerships';

/** The receiving community's staff accept an offered agreement. */
export const handler = route(
  { roles: ['staff'], path: PartnershipPath },
  ({ user, path, now }): Promise<Partnership> => decidePartnership(user, path.id, 'accept', now),
);
