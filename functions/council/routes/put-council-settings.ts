import { CommunityQuery, CouncilSettingsBody, type CouncilSettingsView } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { putSettings } from '../settings';

/** Staff set the council's numbers (audited); topics keep the ones they were proposed under. */
export const handler = route(
  { roles: ['staff'], query: CommunityQuery, body: CouncilSettingsBody },
  ({ user, query, body, now }): Promise<CouncilSettingsView> => putSettings(user, query, body, now),
);
