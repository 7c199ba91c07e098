import type { SlaLimits } from '../../../shared/schemas/sla';
import { slaLimits } from '../../data/settings';
import { route } from '../../http/handler';

/** The time limit of every stage, by urgency (data, not code). */
export const handler = route({ roles: ['gridWorker', 'staff', 'streetStaff', 'admin'] }, (): Promise<SlaLimits> => slaLimits());
