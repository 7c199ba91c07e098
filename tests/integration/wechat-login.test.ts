import { request } from '../helpers/api';
import { freePort } from '../helpers/free-port';
import { SESSION_KEY, startFakeWechat, type FakeWechat } from '../../scripts/fake-wechat';
import { useDemoTable } from '../helpers/table';

useDemoTable();

const APP_ID = 'wx-test-app';
const APP_SECRET = 'wechat-app-secret-never-logged';

describe('signing in with WeChat', () => {
  let wechat: FakeWechat;
  const printed: string[] = [];
  let spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: APP_ID, secret: APP_SECRET });
    // The logger is made when the handlers first load, below: INFO so every line it writes is captured here.
    Object.assign(process.env, {
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_API_BASE: wechat.baseUrl,
      LOG_LEVEL: 'INFO',
    });
    const keep = (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    };
    spies = [jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep)];
  });
  afterAll(async () => {
    for (const s of spies) s.mockRestore();
    process.env.LOG_LEVEL = 'SILENT';
    await wechat.close();
  });

  test('a first login creates a resident and returns our own token; the next login finds the same user', async () => {
    wechat.issue('code-a1', 'openid-a');
    const first = await request('POST', '/auth/wechat', { body: { code: 'code-a1' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ name: '微信用户', roles: ['resident'] });
    const me = await request('GET', '/me', { token: first.body.token });
    expect(me.body.id).toBe(first.body.user.id);

    wechat.issue('code-a2', 'openid-a');
    const second = await request('POST', '/auth/wechat', { body: { code: 'code-a2' } });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(wechat.requests.at(-1)?.get('js_code')).toBe('code-a2');
  });

  test('concurrent first logins of one person leave one user', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) wechat.issue(c, 'openid-b');
    const results = await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5'].map((code) => request('POST', '/auth/wechat', { body: { code } })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
  });

  test.each([
    ['a reused code', 'code-reused', true],
    ['an expired or unknown code', 'expired-code', false],
  ])('%s is refused with WECHAT_CODE_INVALID', async (_name, code, usedBefore) => {
    if (usedBefore) {
      wechat.issue(code, 'openid-reused');
      expect((await request('POST', '/auth/wechat', { body: { code } })).status).toBe(200);
    }
    const res = await request('POST', '/auth/wechat', { body: { code } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  test('WeChat busy or unreachable is a 503, not a failed login', async () => {
    wechat.busy(true);
    expect((await request('POST', '/auth/wechat', { body: { code: 'any' } })).status).toBe(503);
    wechat.busy(false);
    const base = process.env.WECHAT_API_BASE;
    process.env.WECHAT_API_BASE = `http://127.0.0.1:${await freePort()}`;
    const down = await request('POST', '/auth/wechat', { body: { code: 'any' } });
    process.env.WECHAT_API_BASE = base;
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('UNAVAILABLE');
  });

  test('a bad body is a validation error', async () => {
    expect((await request('POST', '/auth/wechat', { body: { code: '' } })).status).toBe(400);
    expect((await request('POST', '/auth/wechat', { body: { code: 'x', session_key: 'y' } })).status).toBe(400);
  });

  test('the session_key and the app secret appear in no response and no log line', async () => {
    const from = printed.length;
    wechat.issue('code-c', 'openid-c');
    const res = await request('POST', '/auth/wechat', { body: { code: 'code-c' } });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(SESSION_KEY);
    expect(res.text).not.toContain('openid-c');
    wechat.busy(true);
    expect((await request('POST', '/auth/wechat', { body: { code: 'any' } })).status).toBe(503);
    wechat.busy(false);
    const lines = printed.slice(from).join('\n');
    expect(lines).toContain('"route":"POST /auth/wechat"'); // both requests were logged, the 503 with its cause
    expect(lines).toContain('"status":503');
    expect(lines).not.toContain(SESSION_KEY);
    expect(lines).not.toContain(APP_SECRET);
    expect(lines).not.toContain('openid-c');
  });

  test('one code is tried at most three times: the fourth try is 429 before WeChat is asked', async () => {
    wechat.issue('code-tried', 'openid-tried');
    const asked = wechat.requests.length;
    const tries = [];
    for (let i = 0; i < 4; i++)
      tries.push(await request('POST', '/auth/wechat', { body: { code: 'code-tried' }, sourceIp: '198.51.100.7' }));
    expect(tries.map((t) => t.status)).toEqual([200, 401, 401, 429]);
    expect(tries[3].body.error.code).toBe('RATE_LIMITED');
    expect(Number(tries[3].headers['retry-after'])).toBeGreaterThan(0);
    expect(wechat.requests.length - asked).toBe(3);
  });

  test('one address signs in at most LIMIT_SIGN_INS_PER_MINUTE times a minute; another address is not held up', async () => {
    const before = process.env.LIMIT_SIGN_INS_PER_MINUTE;
    process.env.LIMIT_SIGN_INS_PER_MINUTE = '5';
    try {
      const codes = Array.from({ length: 7 }, (_, i) => `code-flood-${i}`);
      for (const c of codes) wechat.issue(c, `openid-flood-${c}`);
      const flood = await Promise.all(
        codes.slice(0, 6).map((code) => request('POST', '/auth/wechat', { body: { code }, sourceIp: '203.0.113.9' })),
      );
      expect(flood.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
      const elsewhere = await request('POST', '/auth/wechat', { body: { code: codes[6] }, sourceIp: '203.0.113.10' });
      expect(elsewhere.status).toBe(200);
    } finally {
      process.env.LIMIT_SIGN_INS_PER_MINUTE = before;
    }
  });
});
