import { WishCreateBody } from '../../../shared/schemas/wishes';
import { Reply, route } from '../../http/handler';
import { idempotencyKey } from '../../http/idempotency-key';
import { submitWish } from '../create';

/** 201 with the new wish; 200 with the same wish when a retry repeats an Idempotency-Key. */
export const handler = route({ roles: ['resident', 'gridWorker', 'staff'], body: WishCreateBody }, async ({ user, body, headers, now }) => {
  const { detail, replayed } = await submitWish(user, body, idempotencyKey(headers), now);
  return new Reply(replayed ? 200 : 201, detail);
});
