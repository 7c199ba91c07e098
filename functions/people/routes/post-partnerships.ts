import { PartnershipOfferBody, type Partnership } from '../../../shared/schemas/teams';
import { Reply, route } from '../../http/handler';
import { offer } from '../partnerships';

/** 融合网格: community A's staff offer a team's skills to grids of community B. */
export const handler = route(
  { roles: ['staff'], body: PartnershipOfferBody },
  async ({ user, body, now }) => new Reply(201, (await offer(user, body, now)) satisfies Partnership),
);
