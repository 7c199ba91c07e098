import { CommunityQuery, type CouncilSettingsView } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { settingsFor } from '../settings';

/** The numbers of the council's steps (thresholds, days, quorum): anyone of the community reads them. */
export const handler = route(
  { roles: 'any', query: CommunityQuery },
  ({ user, query }): Promise<CouncilSettingsView> => settingsFor(user, query),
);
