import { TeamCreditsQuery, type TeamCredits } from '../../../shared/schemas/credits';
import { route } from '../../http/handler';
import { teamCredits } from '../ledger';

export const handler = route(
  { roles: ['volunteer', 'staff', 'admin'], query: TeamCreditsQuery },
  ({ user, query }): Promise<TeamCredits> => teamCredits(user, query),
);
