import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { TickSummary } from '../../shared/schemas/tick';

/** Runs the deployed `tick` handler as EventBridge would, for the moment `at`, through its middy wrapper. */
export async function tickAt(at: Date | string): Promise<TickSummary> {
  const { handler } = require('../../functions/tick/routes/schedule-tick') as {
    handler: (event: unknown, context: Context) => Promise<TickSummary>;
  };
  const time = typeof at === 'string' ? at : at.toISOString();
  const event = {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time,
    region: 'cn-north-1',
    resources: [],
    detail: {},
  };
  const context = {
    awsRequestId: randomUUID(),
    functionName: 'linli-test-tick',
    getRemainingTimeInMillis: () => 60_000,
  } as unknown as Context;
  return handler(event, context);
}
