/**
 * Error codes shared by the API and the client. The client switches on `code`, never on the message.
 * HTTP statuses are assigned in one place only: functions/http/error-mapper.ts.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'WECHAT_CODE_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_CLAIMED',
  'INVALID_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path: string;
  message: string;
}

/** A domain or request error with a stable code; anything that is not an AppError is a server bug. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): { error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'this action is not allowed for your role') =>
  new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'sign in first') => new AppError('UNAUTHENTICATED', message);
