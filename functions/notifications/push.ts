import { getNotification, postponePush, settlePush } from '../data/notifications';
import { subscriptionsOf, takePushSlot, useSubscription } from '../data/subscriptions';
import { getUser } from '../data/users';
import type { TickOutcome } from '../tick/outcome';
import { sendSubscribeMessage, subscribeMode } from './wechat-subscribe';

/**
 * A notification's WeChat subscribe message, when tick finds it due: sent only to a user who signed in
 * with WeChat and allowed that template (each allowance sends one), at most one a minute per user
 * (later ones wait their turn), and settled once whatever happens, so a second tick run sends nothing.
 */
export async function processPush(ref: string, now: Date): Promise<TickOutcome> {
  const slash = ref.indexOf('/');
  const n = await getNotification(ref.slice(0, slash), ref.slice(slash + 1));
  if (n?.push?.state !== 'pending') return 'skipped';
  const settle = async (state: 'sent' | 'recorded' | 'skipped' | 'failed', reason: string | null) =>
    (await settlePush(n, { ...n.push!, state, at: now.toISOString(), reason })) ? 'done' : 'skipped';

  if (subscribeMode() === 'record') return settle('recorded', '本地环境:微信订阅消息只记录,不发送');
  const user = await getUser(n.userId);
  if (!user?.wechatOpenId) return settle('skipped', 'the user has no WeChat account');
  if ((await subscriptionsOf(n.userId)).allowances[n.push.template] < 1) return settle('skipped', 'the user has not allowed this message');
  const later = await takePushSlot(n.userId, now);
  if (later) {
    await postponePush(n, later);
    return 'postponed';
  }
  if (!(await useSubscription(n.userId, n.push.template))) return settle('skipped', 'the user has not allowed this message');
  const result = await sendSubscribeMessage({
    openid: user.wechatOpenId,
    template: n.push.template,
    page: n.link,
    title: n.title,
    body: n.body,
    at: n.at,
  });
  return result.ok ? settle('sent', null) : settle('failed', result.reason);
}
