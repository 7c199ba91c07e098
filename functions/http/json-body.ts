import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError } from '../../shared/errors';

export const MAX_BODY_BYTES = 16 * 1024;

/** The parsed body travels on the event; `undefined` when the request had none. */
export type ParsedEvent = APIGatewayProxyEventV2 & { parsedBody?: unknown };

/**
 * Refuses bodies over 16 KB before parsing them, non-JSON bodies, and malformed JSON, each with its
 * own code. Runs after the header normaliser, so header names are lower case.
 */
export const jsonBody = (): MiddlewareObj<ParsedEvent> => ({
  before: (request) => {
    const { event } = request;
    if (event.body === undefined || event.body === null || event.body === '') return;
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    if (raw.byteLength > MAX_BODY_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `the body is ${raw.byteLength} bytes; at most ${MAX_BODY_BYTES} are accepted`);
    }
    const type = event.headers?.['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    }
    try {
      event.parsedBody = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('MALFORMED_JSON', 'the body is not valid JSON');
    }
  },
});
