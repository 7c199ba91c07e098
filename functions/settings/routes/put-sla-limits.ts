import { SlaLimitsBody, SlaQuery, type SlaLimitsView } from '../../../shared/schemas/sla';
import { route } from '../../http/handler';
import { putLimits } from '../sla';

/** Street staff set their street's time limits; the operator the default (no streetId) or any street's. */
export const handler = route(
  { roles: ['streetStaff', 'admin'], query: SlaQuery, body: SlaLimitsBody },
  ({ user, query, body, now }): Promise<SlaLimitsView> => putLimits(user, query, body, now),
);
