import { scheduledJob } from '../scheduled-job';
import { runTick } from '../run';

/** Every 5 minutes (serverless.yml): expired leases, due escalations, auto-confirmations, WeChat messages. */
export const handler = scheduledJob('tick', ({ now, stopBy }) => runTick(now, stopBy));
