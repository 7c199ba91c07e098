import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for WeChat's server API on loopback, used by the tests, the load harness and `npm start`.
 *
 * - `strict` (tests): behaves as WeChat documents: a login code works once (40163 after) and only when
 *   issued; unknown codes are 40029; a good answer carries a session_key that must never leave our server.
 * - `open` (local runner, load harness): any login code signs in the person the code names (openid
 *   `local-<code>`), as often as asked, so the real POST /auth/wechat path works without WeChat.
 *
 * It also answers the access token, the phone-number exchange of the phone-number button, and the sending
 * of subscribe messages (which it keeps, for tests to read).
 */
export interface FakeWechat {
  baseUrl: string;
  /** The query (or JSON body) of every request, in order. */
  requests: URLSearchParams[];
  /** strict: code → openid, accepted once. */
  issue(code: string, openid: string): void;
  /** strict: a phone-number button code → the number it stands for, accepted once. */
  issuePhone(code: string, phone: string): void;
  /** Makes every call answer WeChat's "system busy" (-1). */
  busy(on: boolean): void;
  /** The subscribe messages sent through it, in order. */
  messages: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[];
  close(): Promise<void>;
}

export const SESSION_KEY = 'SESSION-KEY-THAT-MUST-NOT-LEAK';

const readBody = (req: IncomingMessage): Promise<Record<string, unknown>> =>
  new Promise((resolve) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      try {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
  });

/** open mode: a phone code that is a mainland number stands for it; any other maps to a stable 139 number. */
const openPhone = (code: string) =>
  /^1\d{10}$/.test(code)
    ? code
    : `139${String(parseInt(createHash('sha256').update(code).digest('hex').slice(0, 10), 16) % 1e8).padStart(8, '0')}`;

export async function startFakeWechat(opts: {
  appId: string;
  secret: string;
  mode?: 'strict' | 'open';
  port?: number;
  host?: string;
}): Promise<FakeWechat> {
  const mode = opts.mode ?? 'strict';
  const codes = new Map<string, string>();
  const phones = new Map<string, string>();
  const used = new Set<string>();
  const tokens = new Set<string>();
  const requests: URLSearchParams[] = [];
  const messages: FakeWechat['messages'] = [];
  let isBusy = false;
  let tokenCount = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = req.method === 'POST' ? await readBody(req) : {};
      const q = new URLSearchParams({
        ...Object.fromEntries(url.searchParams),
        ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])),
      });
      requests.push(q);
      const send = (payload: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (isBusy) return send({ errcode: -1, errmsg: 'system error' });
      const appOk = q.get('appid') === opts.appId && q.get('secret') === opts.secret;
      switch (url.pathname) {
        case '/sns/jscode2session': {
          if (!appOk || q.get('grant_type') !== 'authorization_code') return send({ errcode: 40013, errmsg: 'invalid appid' });
          const code = q.get('js_code') ?? '';
          if (mode === 'open')
            return code ? send({ openid: `local-${code}`, session_key: SESSION_KEY }) : send({ errcode: 40029, errmsg: 'invalid code' });
          if (used.has(code)) return send({ errcode: 40163, errmsg: 'code been used' });
          const openid = codes.get(code);
          if (!openid) return send({ errcode: 40029, errmsg: 'invalid code' });
          used.add(code);
          return send({ openid, session_key: SESSION_KEY, unionid: `union-${openid}` });
        }
        case '/cgi-bin/stable_token': {
          if (!appOk || q.get('grant_type') !== 'client_credential') return send({ errcode: 40013, errmsg: 'invalid appid' });
          const token = `token-${++tokenCount}`;
          tokens.add(token);
          return send({ access_token: token, expires_in: 7200 });
        }
        case '/wxa/business/getuserphonenumber': {
          if (!tokens.has(q.get('access_token') ?? '')) return send({ errcode: 40001, errmsg: 'invalid credential' });
          const code = q.get('code') ?? '';
          const phone = mode === 'open' ? (code ? openPhone(code) : undefined) : used.has(code) ? undefined : phones.get(code);
          if (!phone) return send({ errcode: 40029, errmsg: 'invalid code' });
          used.add(code);
          return send({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } });
        }
        case '/cgi-bin/message/subscribe/send': {
          if (!tokens.has(q.get('access_token') ?? '')) return send({ errcode: 40001, errmsg: 'invalid credential' });
          messages.push(body as FakeWechat['messages'][number]);
          return send({ errcode: 0, errmsg: 'ok' });
        }
        default:
          return send({ errcode: 404, errmsg: 'not found' });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    messages,
    issue: (code, openid) => void codes.set(code, openid),
    issuePhone: (code, phone) => void phones.set(code, phone),
    busy: (on) => {
      isBusy = on;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
