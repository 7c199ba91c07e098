import { SubscriptionsBody, type Subscriptions } from '../../../shared/schemas/notifications';
import { grantSubscriptions, subscriptionsOf } from '../../data/subscriptions';
import { route } from '../../http/handler';

/** What the user allowed when the mini-program asked to send WeChat messages: one message per allowance. */
export const handler = route({ roles: 'any', body: SubscriptionsBody }, async ({ user, body }): Promise<Subscriptions> => {
  await grantSubscriptions(user.id, body.accepted);
  return subscriptionsOf(user.id);
});
