import { AppError } from '../../shared/errors';
import { wechatConfig } from '../config';

/**
 * WeChat's code2Session (auth.code2Session): the one call to WeChat's servers. Behind this small
 * interface so tests can run a fake server on loopback. The session_key it returns is dropped here:
 * it never leaves this function, so it can reach neither a response nor a log line.
 */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

/** errcodes that mean the code itself is bad: invalid, already used, or refused as risky. */
const BAD_CODE = new Set([40029, 40163, 40226]);

export async function code2Session(code: string): Promise<WechatIdentity> {
  const { appId, appSecret, apiBase } = wechatConfig();
  if (!appId || !appSecret) throw new AppError('UNAVAILABLE', 'WeChat sign-in is not configured on this server');
  const url = new URL('/sns/jscode2session', apiBase);
  url.search = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
  let payload: { openid?: unknown; unionid?: unknown; errcode?: unknown };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    payload = (await res.json()) as typeof payload;
  } catch {
    throw new AppError('UNAVAILABLE', 'WeChat did not answer; try again shortly');
  }
  const errcode = typeof payload.errcode === 'number' ? payload.errcode : 0;
  if (BAD_CODE.has(errcode)) throw new AppError('WECHAT_CODE_INVALID', 'the WeChat login code is invalid or was already used');
  if (errcode !== 0 || typeof payload.openid !== 'string' || payload.openid === '') {
    throw new AppError('UNAVAILABLE', 'WeChat sign-in failed; try again shortly');
  }
  return { openid: payload.openid, ...(typeof payload.unionid === 'string' ? { unionid: payload.unionid } : {}) };
}
