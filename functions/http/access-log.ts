import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from './log';

const started = new WeakMap<object, number>();

/**
 * One line per request: route, status, latency, and the user id once authentication has appended it.
 * Registered first, so its after and onError hooks run last, when the status is known.
 */
export const accessLog = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> => {
  const done = (request: { event: APIGatewayProxyEventV2; context: Context; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const start = started.get(request.event);
    logger.info('request', {
      requestId: request.context.awsRequestId,
      apiRequestId: request.event.requestContext?.requestId,
      route: request.event.routeKey,
      status: request.response?.statusCode,
      latencyMs: start === undefined ? undefined : Math.round(performance.now() - start),
    });
  };
  return {
    before: (request) => void started.set(request.event, performance.now()),
    after: done,
    onError: done,
  };
};
