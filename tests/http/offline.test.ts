import { getWishWithTimeline } from '../../functions/data/wishes';
import { invokeTick } from '../../scripts/processes';
import { TickSummary } from '../../shared/schemas/tick';
import { ErrorBody } from '../../shared/schemas/common';
import { WishDetail, WishPage } from '../../shared/schemas/wishes';
import { call, startOffline, type HttpResult, type Offline } from '../helpers/offline';
import { addVolunteers } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { LAMP } from '../helpers/wishes';

useDemoTable();

const WEB = 'http://localhost:10086';

/** A success that is really an error (serverless-offline answers a Lambda timeout as HTTP 200). */
const disguisedErrors = (results: HttpResult[]) =>
  results.filter((r) => r.status < 300 && (r.body === null || 'errorMessage' in r.body || 'error' in r.body));

/** The API through serverless-offline over loopback, run the way `npm start` runs it. */
describe('the API over HTTP (serverless-offline)', () => {
  let api: Offline;
  const tokens: Record<string, string> = {};
  const as = (userId: string) => ({
    get: (url: string, headers?: Record<string, string>) => call(api.baseUrl, 'GET', url, { token: tokens[userId], headers }),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      call(api.baseUrl, 'POST', url, { token: tokens[userId], body, headers }),
  });
  const signIn = async (...ids: string[]) => {
    for (const id of ids) tokens[id] = (await call(api.baseUrl, 'POST', '/auth/dev-login', { body: { userId: id } })).body.token;
  };

  beforeAll(async () => {
    api = await startOffline({ env: { CORS_ORIGINS: WEB } });
    await signIn('u-res-li', 'u-vol-zhang', 'u-vol-liu', 'u-grid-sun');
  }, 120_000);
  afterAll(() => api?.stop());

  test('the whole lifecycle, with the timeline it leaves', async () => {
    const created = await as('u-res-li').post('/wishes', LAMP, { 'Idempotency-Key': 'offline-key-001' });
    expect(created.status).toBe(201);
    const id = WishDetail.parse(created.body).wish.id;
    expect((await as('u-vol-zhang').post(`/wishes/${id}/claim`)).status).toBe(200);
    expect((await as('u-vol-zhang').post(`/wishes/${id}/start`)).status).toBe(200);
    expect((await as('u-vol-zhang').post(`/wishes/${id}/complete`, { note: '修好了' })).status).toBe(200);
    const confirmed = await as('u-res-li').post(`/wishes/${id}/confirm`, { rating: 5 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'route',
      'claim',
      'start',
      'complete',
      'confirm',
    ]);
    const replay = await as('u-res-li').post('/wishes', LAMP, { 'Idempotency-Key': 'offline-key-001' });
    expect([replay.status, replay.body.wish.id, replay.body.wish.status]).toEqual([200, id, 'confirmed']);
  });

  test('200 volunteers open their inbox at once: every answer is a real page, none a disguised timeout', async () => {
    const volunteers = await addVolunteers(200, 't-gc-nengren');
    await signIn(...volunteers);
    const posted = await as('u-res-li').post('/wishes', LAMP);
    expect([posted.status, posted.body.wish.teamId]).toEqual([201, 't-gc-nengren']);
    // The same inbox read by one volunteer alone, before the crowd: what each of the 200 must be answered.
    const alone = await as(volunteers[0]).get('/tasks?view=open');
    const expected = WishPage.parse(alone.body).items.map((w) => w.id);
    expect(expected).toContain(posted.body.wish.id);
    const results = await Promise.all(volunteers.map((v) => as(v).get('/tasks?view=open')));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(disguisedErrors(results)).toEqual([]);
    // A page cut short, empty or answered for someone else would differ: each is the whole inbox, the new lamp in it.
    const differing = results.filter((r) => {
      const page = WishPage.safeParse(r.body);
      return !page.success || page.data.items.map((w) => w.id).join() !== expected.join();
    });
    expect(differing.map((r) => r.text.slice(0, 200))).toEqual([]);
  });

  test('20 taps on 认领 by two volunteers of the routed team: one volunteer wins, the other is told 409, and the table holds one claim', async () => {
    const created = await as('u-res-li').post('/wishes', LAMP);
    const id = created.body.wish.id;
    const taps = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'u-vol-liu' : 'u-vol-zhang'));
    const results = await Promise.all(taps.map((v) => as(v).post(`/wishes/${id}/claim`)));
    expect(disguisedErrors(results.filter((r) => r.status !== 200))).toEqual([]);

    const stored = await getWishWithTimeline(id);
    const winner = stored?.wish.claimantId;
    expect(['u-vol-zhang', 'u-vol-liu']).toContain(winner);
    // The winner's own retries are answered with the wish; every tap of the other volunteer is refused.
    taps.forEach((v, i) => {
      if (v === winner) expect([results[i].status, results[i].body.wish.claimantId]).toEqual([200, winner]);
      else expect([results[i].status, ErrorBody.parse(results[i].body).error.code]).toEqual([409, 'ALREADY_CLAIMED']);
    });
    expect(stored?.wish).toMatchObject({ status: 'claimed', version: 3 });
    expect(stored?.timeline.filter((e) => e.action === 'claim')).toHaveLength(1);
  });

  test('errors keep their shape and status over HTTP', async () => {
    const bad = await fetch(`${api.baseUrl}/wishes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['u-res-li']}` },
      body: '{"description":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('MALFORMED_JSON');
    expect((await call(api.baseUrl, 'GET', '/me')).status).toBe(401);
    expect((await as('u-res-li').get('/triage')).body.error.code).toBe('FORBIDDEN');
  });

  test('the browser origin in the configuration may call the API; another origin is not allowed', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/wishes`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization,idempotency-key',
        },
      });
    const allowed = await preflight(WEB);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const res = await as('u-res-li').get('/categories', { origin: WEB });
    expect(res.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    const foreignPreflight = await preflight('https://evil.example');
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
    // serverless-offline echoes any origin on non-preflight answers (API Gateway does not); what the
    // functions themselves answer a foreign origin is tested through the middy stack (fail-closed.test.ts).
  });

  test('tick can be run by hand for any moment, as `npm run tick` does, and says what it did', async () => {
    const summary = TickSummary.parse(await invokeTick(api.lambdaUrl, 'test', '2026-11-23T09:00:00.000Z'));
    expect(summary).toMatchObject({ now: '2026-11-23T09:00:00.000Z', failed: 0, complete: true });
  });
});
