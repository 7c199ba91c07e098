import { SlaQuery, type SlaLimitsView } from '../../../shared/schemas/sla';
import { route } from '../../http/handler';
import { limitsFor } from '../sla';

/** The time limit of every stage, by urgency, as a street works to them (its own, else the operator's default). */
export const handler = route(
  { roles: ['gridWorker', 'staff', 'streetStaff', 'admin'], query: SlaQuery },
  ({ user, query }): Promise<SlaLimitsView> => limitsFor(user, query),
);
