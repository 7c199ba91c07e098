import { SlaLimitsBody, type SlaLimits } from '../../../shared/schemas/sla';
import { putSlaLimits } from '../../data/settings';
import { route } from '../../http/handler';

/** The street (or an operator) sets the time limits every community works to. */
export const handler = route({ roles: ['streetStaff', 'admin'], body: SlaLimitsBody }, async ({ body }): Promise<SlaLimits> => {
  await putSlaLimits(body);
  return body;
});
