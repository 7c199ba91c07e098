import { AppError } from '../../../shared/errors';
import { WishCreateBody } from '../../../shared/schemas/wishes';
import { Reply, route } from '../../http/handler';
import { submitWish } from '../create';

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'the Idempotency-Key header is not valid', [
      { path: 'headers.idempotency-key', message: '8 to 100 letters, digits or - _ . :' },
    ]);
  }
  return key;
}

/** 201 with the new wish; 200 with the same wish when a retry repeats an Idempotency-Key. */
export const handler = route({ roles: ['resident', 'gridWorker', 'staff'], body: WishCreateBody }, async ({ user, body, headers, now }) => {
  const { detail, replayed } = await submitWish(user, body, idempotencyKey(headers), now);
  return new Reply(replayed ? 200 : 201, detail);
});
