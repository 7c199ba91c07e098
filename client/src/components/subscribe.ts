import Taro from '@tarojs/taro';
import type { PushTemplate } from '@shared/schemas/notifications';
import { api } from '../api/endpoints';

/** The WeChat template ids of this build (LINLI_WECHAT_TEMPLATES, JSON), keyed by our template names. */
const TEMPLATE_IDS: Partial<Record<PushTemplate, string>> = LINLI_WECHAT_TEMPLATES;

/**
 * Asks, from a tap, whether WeChat may send the user these messages later (each "allow" lets one through),
 * and tells the API what was allowed. Only in the mini-program, and only for templates this build knows;
 * a refusal or an error changes nothing for the action the user tapped.
 */
export async function askToSubscribe(templates: PushTemplate[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const wanted = templates.filter((t) => TEMPLATE_IDS[t]);
  if (!wanted.length) return;
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((t) => TEMPLATE_IDS[t]!), entityIds: [] })) as Record<
      string,
      string
    >;
    const accepted = wanted.filter((t) => answer[TEMPLATE_IDS[t]!] === 'accept');
    if (accepted.length) await api.subscribe(accepted);
  } catch {
    // Not allowed, or the user closed the dialog: the in-app inbox still tells them.
  }
}
