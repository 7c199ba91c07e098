import { AppError } from '../../shared/errors';

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The Idempotency-Key header of a create, if sent: 8–100 letters, digits or - _ . : */
export function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'the Idempotency-Key header is not valid', [
      { path: 'headers.idempotency-key', message: '8 to 100 letters, digits or - _ . :' },
    ]);
  }
  return key;
}
