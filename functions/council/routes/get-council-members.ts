import { CommunityQuery, type CouncilRoster } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { rosterFor } from '../settings';

/** The council's roster: representatives, building heads, organisations with their contacts. */
export const handler = route(
  { roles: ['staff', 'gridWorker'], query: CommunityQuery },
  ({ user, query }): Promise<CouncilRoster> => rosterFor(user, query),
);
