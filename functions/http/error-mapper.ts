import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AppError, type ErrorCode } from '../../shared/errors';
import { logger } from './log';

/** The only place an error code becomes an HTTP status. */
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  WECHAT_CODE_INVALID: 401,
  FORBIDDEN: 403,
  PROFILE_INCOMPLETE: 403,
  NOT_FOUND: 404,
  ALREADY_CLAIMED: 409,
  INVALID_TRANSITION: 409,
  TOO_MANY_OPEN_WISHES: 409,
  CLAIM_LIMIT: 409,
  SEND_BACK_TOO_LATE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  CONCURRENT_CHANGE: 409,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
  SLOT_FULL: 409,
  ALREADY_BOOKED: 409,
  QUOTA_EXCEEDED: 409,
  WINDOW_CLOSED: 409,
  NOT_ELIGIBLE: 409,
  CANCEL_DEADLINE_PASSED: 409,
  SLOT_CLOSED: 409,
  NOT_VERIFIED: 403,
  BOOKING_NOT_ACTIVE: 409,
  OFFER_EXPIRED: 409,
  DRAW_NOT_DUE: 409,
  ALREADY_COMMITTED: 409,
  COMMITMENT_MISMATCH: 409,
  ALREADY_REVEALED: 409,
  LIST_NOT_PUBLISHED: 409,
  PUBLIC_NUMBER_TOO_EARLY: 409,
  ALREADY_ENTERED: 409,
  TOO_MANY_HOME_CHANGES: 409,
  APPLY_TOO_SOON: 409,
  THRESHOLD_NOT_MET: 409,
  NOTICE_TOO_SHORT: 409,
  MEETING_NOT_HELD: 409,
  TASKS_OPEN: 409,
  WRONG_STEP: 409,
  OBSERVER_SEATS_FULL: 409,
};

const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TransactionInProgressException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/** The database (or another AWS service) did not answer or asked us to slow down: worth a retry later. */
export function isUnavailable(error: unknown): boolean {
  // Judged by shape, not instanceof: socket errors are made by Node's core, which may be another realm.
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, cause, message } = error as { name?: unknown; code?: unknown; cause?: { code?: unknown }; message?: unknown };
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    (typeof cause?.code === 'string' && NETWORK_CODES.has(cause.code)) ||
    // The SDK wraps a socket error from another realm ("AWS SDK error wrapper for Error: connect ECONNREFUSED").
    (typeof message === 'string' && message.startsWith('AWS SDK error wrapper') && [...NETWORK_CODES].some((c) => message.includes(c))) ||
    (status !== undefined && status >= 500)
  );
}

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  // The allowed origin is chosen per request (CORS), so caches must key on it.
  headers: { 'content-type': 'application/json; charset=utf-8', vary: 'Origin', ...headers },
  body: JSON.stringify(body),
});

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isUnavailable(error)) return new AppError('UNAVAILABLE', 'the service is busy or unreachable; try again shortly');
  return new AppError('INTERNAL', 'something went wrong on our side; it has been logged');
}

/**
 * Registered last so it answers first: typed errors keep their code, anything else (a thrown bug, a
 * rejection with a non-Error, a configuration error) is a 500 whose real cause goes to the log with the
 * request id; the body carries the request id too, so a user's report can be found in the log.
 */
export const errorMapper = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> => ({
  onError: (request) => {
    const mapped = toAppError(request.error);
    const status = STATUS[mapped.code];
    const requestId = request.context.awsRequestId;
    if (status >= 500) {
      const e = request.error instanceof Error ? request.error : new Error(String(request.error));
      logger.error('request failed', { code: mapped.code, requestId, route: request.event.routeKey, error: e });
    }
    const body = status >= 500 ? { error: { ...mapped.toJSON().error, requestId } } : mapped.toJSON();
    const headers: Record<string, string> = mapped.retryAfterSeconds ? { 'retry-after': String(mapped.retryAfterSeconds) } : {};
    request.response = jsonResponse(status, body, headers);
  },
});
