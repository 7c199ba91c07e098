import { TopicCreateBody } from '../../../shared/schemas/council';
import { Reply, route } from '../../http/handler';
import { idempotencyKey } from '../../http/idempotency-key';
import { createTopic } from '../topics';

/** 201 with the new topic (wishes raised to it, or a proposal); 200 with the same topic for a retried Idempotency-Key. */
export const handler = route(
  { roles: ['resident', 'gridWorker', 'staff'], body: TopicCreateBody },
  async ({ user, body, headers, now }) => {
    const { detail, replayed } = await createTopic(user, body, idempotencyKey(headers), now);
    return new Reply(replayed ? 200 : 201, detail);
  },
);
