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
  'PROFILE_INCOMPLETE',
  'NOT_FOUND',
  'ALREADY_CLAIMED',
  'INVALID_TRANSITION',
  'TOO_MANY_OPEN_WISHES',
  'CLAIM_LIMIT',
  'SEND_BACK_TOO_LATE',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  // Someone else changed the same thing at the same moment, again and again: reload and try again.
  'CONCURRENT_CHANGE',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
  // Booking (issue 8)
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'QUOTA_EXCEEDED',
  'WINDOW_CLOSED',
  'NOT_ELIGIBLE',
  'CANCEL_DEADLINE_PASSED',
  'SLOT_CLOSED',
  // Acting on others (me too, booking, applying to a team, reading neighbours' wishes) needs a verified home.
  'NOT_VERIFIED',
  'BOOKING_NOT_ACTIVE',
  'OFFER_EXPIRED',
  'DRAW_NOT_DUE',
  // Membership comes from verification (issue 13)
  'TOO_MANY_HOME_CHANGES',
  'APPLY_TOO_SOON',
  // The residents' council (issue 14)
  'THRESHOLD_NOT_MET',
  'NOTICE_TOO_SHORT',
  'MEETING_NOT_HELD',
  'TASKS_OPEN',
  // A council action the topic's step (or what it already holds) does not allow now; INVALID_TRANSITION is a wish's.
  'WRONG_STEP',
  'OBSERVER_SEATS_FULL',
  // A ballot's draw witnessed (issue 16)
  'ALREADY_COMMITTED',
  'COMMITMENT_MISMATCH',
  'ALREADY_REVEALED',
  'LIST_NOT_PUBLISHED',
  'PUBLIC_NUMBER_TOO_EARLY',
  'ALREADY_ENTERED',
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
    /** For RATE_LIMITED: seconds until a retry can succeed, sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): { error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'this action is not allowed for your role') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'sign in first') => new AppError('UNAUTHENTICATED', message);
export const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
