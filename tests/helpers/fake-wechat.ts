import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for WeChat's code2Session on loopback. It behaves as WeChat documents: each code works
 * once (40163 after), unknown or expired codes are 40029, and a good answer carries a session_key
 * that must never leave our server.
 */
export interface FakeWechat {
  baseUrl: string;
  requests: URLSearchParams[];
  /** code → openid, for codes that will be accepted once. */
  issue(code: string, openid: string): void;
  /** Makes every call answer WeChat's "system busy" (-1). */
  busy(on: boolean): void;
  close(): Promise<void>;
}

export const SESSION_KEY = 'SESSION-KEY-THAT-MUST-NOT-LEAK';

export async function startFakeWechat(appId: string, secret: string): Promise<FakeWechat> {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  const requests: URLSearchParams[] = [];
  let isBusy = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.searchParams);
    const q = url.searchParams;
    const send = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return send({ errcode: 404, errmsg: 'not found' });
    if (isBusy) return send({ errcode: -1, errmsg: 'system error' });
    if (q.get('appid') !== appId || q.get('secret') !== secret || q.get('grant_type') !== 'authorization_code') {
      return send({ errcode: 40013, errmsg: 'invalid appid' });
    }
    const code = q.get('js_code') ?? '';
    if (used.has(code)) return send({ errcode: 40163, errmsg: 'code been used' });
    const openid = codes.get(code);
    if (!openid) return send({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    send({ openid, session_key: SESSION_KEY, unionid: `union-${openid}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    issue: (code, openid) => void codes.set(code, openid),
    busy: (on) => {
      isBusy = on;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
