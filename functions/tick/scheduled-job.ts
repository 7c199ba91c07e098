import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { AppError } from '../../shared/errors';
import { ScheduledEvent } from '../../shared/schemas/tick';
import { TIMEOUT_MARGIN_MS } from '../config';
import { logger, perInvocation } from '../http/log';

/**
 * A scheduled job: "now" is the event's `time` (EventBridge's, or any moment an operator or a test
 * passes), never the clock, so a run can be replayed for any moment. It must finish `stopBy` (epoch ms),
 * before the function's timeout; its summary is logged and returned.
 */
export function scheduledJob<R>(name: string, job: (input: { now: Date; stopBy: number }) => Promise<R>) {
  const base = async (event: unknown, context: Context): Promise<R> => {
    const parsed = ScheduledEvent.safeParse(event);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'a scheduled event needs an ISO `time`');
    const stopBy = Date.now() + Math.max(1_000, context.getRemainingTimeInMillis() - 5 * TIMEOUT_MARGIN_MS);
    const result = await job({ now: new Date(parsed.data.time), stopBy });
    logger.info(`${name} finished`, { requestId: context.awsRequestId, result: result as object });
    return result;
  };
  return perInvocation(middy<unknown, R, Error, Context>(base));
}
