import { WishCreateBody } from '../../../shared/schemas/wishes';
import { Reply, route } from '../../http/handler';
import { idempotencyKey } from '../../http/idempotency-key';
import { submitWish } from '../create';

/** 201 with the new wish; 200 with the same wish when a retry repeats an Idempotency-Key. One transaction, the write limit in it. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], body: WishCreateBody, limit: 'in-transaction' },
  async ({ user, body, headers, now, writeLimit }) => {
    const { detail, replayed } = await submitWish(user, body, idempotencyKey(headers), now, writeLimit);
    return new Reply(replayed ? 200 : 201, detail);
  },
);
