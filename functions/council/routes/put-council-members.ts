import { CommunityQuery, CouncilRosterBody, type CouncilRoster } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { putRoster } from '../settings';

/** Staff replace the roster (audited); representatives and building heads are verified residents of the community. */
export const handler = route(
  { roles: ['staff'], query: CommunityQuery, body: CouncilRosterBody },
  ({ user, query, body, now }): Promise<CouncilRoster> => putRoster(user, query, body, now),
);
