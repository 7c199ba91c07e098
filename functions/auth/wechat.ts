import { AppError } from '../../shared/errors';
import { Phone } from '../../shared/schemas/users';
import { wechatConfig } from '../config';

/**
 * WeChat's server API: the only calls to WeChat's servers, behind this small interface so tests and the
 * local runner use a stand-in on loopback. Secrets and session keys never leave these functions, so they
 * reach neither a response nor a log line.
 */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

/** errcodes that mean the code itself is bad: invalid, already used, or refused as risky. */
const BAD_CODE = new Set([40029, 40163, 40226]);
const TOKEN_EXPIRED = new Set([40001, 42001]);

interface Payload {
  errcode?: unknown;
  [key: string]: unknown;
}

/** One call to WeChat's server API (GET with a query, or POST with a JSON body); no answer is a 503. */
export async function callWechat(path: string, init: { query?: Record<string, string>; body?: object }): Promise<Payload> {
  const url = new URL(path, wechatConfig().apiBase);
  if (init.query) url.search = new URLSearchParams(init.query).toString();
  try {
    const res = await fetch(url, {
      method: init.body ? 'POST' : 'GET',
      headers: init.body ? { 'content-type': 'application/json' } : undefined,
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(5_000),
    });
    return (await res.json()) as Payload;
  } catch {
    throw new AppError('UNAVAILABLE', 'WeChat did not answer; try again shortly');
  }
}

export const errcodeOf = (p: Payload) => (typeof p.errcode === 'number' ? p.errcode : 0);

function configured(): { appId: string; appSecret: string } {
  const { appId, appSecret } = wechatConfig();
  if (!appId || !appSecret) throw new AppError('UNAVAILABLE', 'WeChat sign-in is not configured on this server');
  return { appId, appSecret };
}

/** auth.code2Session: the code of wx.login → the person's openid. The session_key is dropped here. */
export async function code2Session(code: string): Promise<WechatIdentity> {
  const { appId, appSecret } = configured();
  const payload = await callWechat('/sns/jscode2session', {
    query: { appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' },
  });
  const errcode = errcodeOf(payload);
  if (BAD_CODE.has(errcode)) throw new AppError('WECHAT_CODE_INVALID', 'the WeChat login code is invalid or was already used');
  if (errcode !== 0 || typeof payload.openid !== 'string' || payload.openid === '') {
    throw new AppError('UNAVAILABLE', 'WeChat sign-in failed; try again shortly');
  }
  return { openid: payload.openid, ...(typeof payload.unionid === 'string' ? { unionid: payload.unionid } : {}) };
}

// The app's access token, shared by the requests of one instance until shortly before it expires.
let cachedToken: { token: string; expiresAt: number } | null = null;

/** The app's access token, cached until shortly before it expires; `forceRefresh` after WeChat refused it. */
export async function accessToken(forceRefresh: boolean): Promise<string> {
  if (!forceRefresh && cachedToken && cachedToken.expiresAt > Date.now()) return cachedToken.token;
  const { appId, appSecret } = configured();
  const payload = await callWechat('/cgi-bin/stable_token', {
    body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh },
  });
  if (typeof payload.access_token !== 'string' || errcodeOf(payload) !== 0) {
    throw new AppError('UNAVAILABLE', 'WeChat did not give an access token; try again shortly');
  }
  const seconds = typeof payload.expires_in === 'number' ? payload.expires_in : 7200;
  cachedToken = { token: payload.access_token, expiresAt: Date.now() + (seconds - 300) * 1000 };
  return cachedToken.token;
}

/** phonenumber.getPhoneNumber: the code of the mini-program's phone-number button → a mainland number. */
export async function phoneNumberFromCode(code: string): Promise<string> {
  for (const refresh of [false, true]) {
    const token = await accessToken(refresh);
    const payload = await callWechat('/wxa/business/getuserphonenumber', { query: { access_token: token }, body: { code } });
    const errcode = errcodeOf(payload);
    if (TOKEN_EXPIRED.has(errcode)) continue;
    if (BAD_CODE.has(errcode)) throw new AppError('WECHAT_CODE_INVALID', 'the phone-number code is invalid or was already used');
    const info = payload.phone_info as { purePhoneNumber?: unknown; countryCode?: unknown } | undefined;
    if (errcode !== 0 || !info) throw new AppError('UNAVAILABLE', 'WeChat did not give the phone number; try again shortly');
    const parsed = Phone.safeParse(info.purePhoneNumber);
    if (!parsed.success || String(info.countryCode ?? '86') !== '86') {
      throw new AppError('VALIDATION_FAILED', 'only mainland mobile numbers can be used here', [
        { path: 'body.phoneCode', message: 'the WeChat account has no mainland mobile number; type one instead' },
      ]);
    }
    return parsed.data;
  }
  throw new AppError('UNAVAILABLE', 'WeChat refused the access token; try again shortly');
}

/** For tests that point the API at another stand-in between cases. */
export const forgetAccessToken = (): void => {
  cachedToken = null;
};
