import { beijingClock, beijingDate } from '../../shared/domain/beijing-time';
import type { PushTemplate } from '../../shared/schemas/notifications';
import { accessToken, callWechat, errcodeOf } from '../auth/wechat';
import { stage } from '../config';

/**
 * WeChat subscribe messages (subscribeMessage.send), behind this small interface: a real HTTP client to
 * the configured WeChat base URL, tested against the stand-in. In the local and test stages the default is
 * to record the message in the inbox instead of sending it (WECHAT_SUBSCRIBE_MODE=record).
 */
export interface SubscribeMessage {
  openid: string;
  template: PushTemplate;
  /** The mini-program page the message opens. */
  page: string | null;
  title: string;
  body: string;
  at: string;
}

export type SendResult = { ok: true } | { ok: false; reason: string };

export const subscribeMode = (): 'send' | 'record' =>
  (process.env.WECHAT_SUBSCRIBE_MODE as 'send' | 'record' | undefined) ?? (['local', 'test'].includes(stage()) ? 'record' : 'send');

/** The WeChat template id configured for one of our templates (WECHAT_TEMPLATE_ACTION_NEEDED, …). */
export const templateId = (template: PushTemplate): string | undefined =>
  process.env[`WECHAT_TEMPLATE_${template.toUpperCase()}`] || undefined;

const cut = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

// WeChat's time field wants `YYYY-MM-DD HH:MM`.
const beijingTime = (iso: string) => `${beijingDate(Date.parse(iso))} ${beijingClock(Date.parse(iso))}`;

/**
 * Sends one message. Every template is laid out the same way in the WeChat admin console: thing1 (what,
 * ≤ 20 characters), thing2 (details, ≤ 20), time3 (when, Beijing time).
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult> {
  const id = templateId(message.template);
  if (!id) return { ok: false, reason: `no WeChat template configured for ${message.template}` };
  const payload = {
    touser: message.openid,
    template_id: id,
    ...(message.page ? { page: message.page.replace(/^\//, '') } : {}),
    data: {
      thing1: { value: cut(message.title, 20) },
      thing2: { value: cut(message.body, 20) },
      time3: { value: beijingTime(message.at) },
    },
    miniprogram_state: stage() === 'prod' ? 'formal' : 'trial',
  };
  for (const refresh of [false, true]) {
    const answer = await callWechat('/cgi-bin/message/subscribe/send', {
      query: { access_token: await accessToken(refresh) },
      body: payload,
    });
    const errcode = errcodeOf(answer);
    if (errcode === 40001 || errcode === 42001) continue;
    return errcode === 0 ? { ok: true } : { ok: false, reason: `WeChat errcode ${errcode}` };
  }
  return { ok: false, reason: 'WeChat refused the access token' };
}
