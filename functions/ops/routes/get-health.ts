import type { Health } from '../../../shared/schemas/common';
import { stage } from '../../config';
import { pingTable } from '../../data/health';
import { publicRoute } from '../../http/handler';

/** 200 when the function runs and its table answers; 503 UNAVAILABLE when the table does not. */
export const handler = publicRoute({}, async ({ now }): Promise<Health> => {
  await pingTable();
  return { status: 'ok', stage: stage(), time: now.toISOString() };
});
