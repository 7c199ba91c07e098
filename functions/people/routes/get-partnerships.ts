import { PageQuery } from '../../../shared/schemas/common';
import type { PartnershipPage } from '../../../shared/schemas/teams';
import { partnershipsOf } from '../../data/partnerships';
import { route } from '../../http/handler';

/** The agreements the staff member's communities received and offered, accepted first. */
export const handler = route(
  { roles: ['staff'], query: PageQuery },
  ({ user, query }): Promise<PartnershipPage> => partnershipsOf(user.staffCommunityIds, query.cursor),
);
