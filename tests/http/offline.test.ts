import { useDemoTable } from '../helpers/table';
import { startOffline, type Offline } from '../helpers/offline';
import { LAMP } from '../helpers/wishes';

useDemoTable();

/** The same API through serverless-offline over loopback: real HTTP, API Gateway's routing and CORS. */
describe('the API over HTTP (serverless-offline)', () => {
  let api: Offline;
  const tokens: Record<string, string> = {};

  const call = async (method: string, path: string, opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.as ? { authorization: `Bearer ${tokens[opts.as]}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    api = await startOffline();
    for (const id of ['u-res-li', 'u-vol-zhang', 'u-vol-liu', 'u-grid-sun']) {
      tokens[id] = (await call('POST', '/auth/dev-login', { body: { userId: id } })).body.token;
    }
  }, 120_000);
  afterAll(() => api?.stop());

  test('the whole lifecycle, with the timeline it leaves', async () => {
    const created = await call('POST', '/wishes', { as: 'u-res-li', body: LAMP, headers: { 'Idempotency-Key': 'offline-key-001' } });
    expect(created.status).toBe(201);
    const id = created.body.wish.id;
    expect((await call('POST', `/wishes/${id}/claim`, { as: 'u-vol-zhang' })).status).toBe(200);
    expect((await call('POST', `/wishes/${id}/start`, { as: 'u-vol-zhang' })).status).toBe(200);
    expect((await call('POST', `/wishes/${id}/complete`, { as: 'u-vol-zhang', body: { note: '修好了' } })).status).toBe(200);
    const confirmed = await call('POST', `/wishes/${id}/confirm`, { as: 'u-res-li', body: { rating: 5 } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'route', 'claim', 'start', 'complete', 'confirm']);
    const replay = await call('POST', '/wishes', { as: 'u-res-li', body: LAMP, headers: { 'Idempotency-Key': 'offline-key-001' } });
    expect([replay.status, replay.body.wish.id, replay.body.wish.status]).toEqual([200, id, 'confirmed']);
  });

  test('two volunteers racing over real sockets: one claim wins, the other gets 409 ALREADY_CLAIMED', async () => {
    const { body } = await call('POST', '/wishes', { as: 'u-res-li', body: LAMP });
    const results = await Promise.all(
      ['u-vol-zhang', 'u-vol-liu', 'u-vol-zhang', 'u-vol-liu'].map((v) => call('POST', `/wishes/${body.wish.id}/claim`, { as: v })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const stored = await call('GET', `/wishes/${body.wish.id}`, { as: 'u-res-li' });
    expect(stored.body.timeline.filter((e: { action: string }) => e.action === 'claim')).toHaveLength(1);
  });

  test('errors keep their shape and status over HTTP', async () => {
    const bad = await fetch(`${api.baseUrl}/wishes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['u-res-li']}` },
      body: '{"description":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('MALFORMED_JSON');
    expect((await call('GET', '/me')).status).toBe(401);
    expect((await call('GET', '/triage', { as: 'u-res-li' })).body.error.code).toBe('FORBIDDEN');
  });

  test('a browser on another origin may call the API (CORS)', async () => {
    const preflight = await fetch(`${api.baseUrl}/wishes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,idempotency-key' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBeTruthy();
    const res = await call('GET', '/categories', { as: 'u-res-li', headers: { origin: 'http://localhost:10086' } });
    expect(res.headers.get('access-control-allow-origin')).toBeTruthy();
  });
});
