import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WishDetail } from '../../shared/schemas/wishes';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { getTopic, refreshTopic } from '../../functions/data/council/topics';
import { getTeam, putTeam } from '../../functions/data/teams';
import { refChanged } from '../../functions/data/ref-cache';
import { forgetSettings } from '../../functions/data/settings';
import { getWishWithTimeline } from '../../functions/data/wishes';
import { as, tokenOf } from '../helpers/api';
import { recordDbCalls } from '../helpers/db-calls';
import { addResidents, addVolunteers } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { CLAIMANT, CLUTTER, LAMP, step, submit, wishIn } from '../helpers/wishes';

useDemoTable();

/**
 * The hot wish writes (post, claim, 我也遇到, council support) each go to one TransactWriteItems whose conditions
 * hold their rules: every refusal below comes from a condition of that real transaction (or, for the rules a
 * claim reads with the wish, from the version it writes on), with the code and message answered before.
 */

const saved = { ...process.env };
const limitsOf = (env: Record<string, string>) => Object.assign(process.env, env);
afterEach(() => {
  for (const key of ['LIMIT_WISHES_PER_HOUR', 'LIMIT_OPEN_WISHES', 'LIMIT_WRITES_PER_MINUTE']) process.env[key] = saved[key];
});
/** Start well inside a clock minute, so a test's writes share one write-limit counter. */
const intoMinute = async () => {
  const at = Date.now() % 60_000;
  if (at > 45_000) await new Promise((r) => setTimeout(r, 60_500 - at));
};
const errorOf = (res: { status: number; body: any }) => [res.status, res.body.error?.code, res.body.error?.message];
const load = async (teamId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `LOAD#${teamId}`, SK: 'LOAD' } }))).Item;

describe('posting a wish: one transaction, each refusal a condition of it', () => {
  test('the hourly limit: the 4th in an hour is 429 with the wait until the first leaves the hour; nothing is stored', async () => {
    limitsOf({ LIMIT_WISHES_PER_HOUR: '3' });
    const [resident] = await addResidents(1, 'r-ww-hour');
    for (let i = 0; i < 3; i++) expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    const fourth = await as(resident).post('/wishes', CLUTTER);
    expect(errorOf(fourth)).toEqual([429, 'RATE_LIMITED', 'at most 3 wishes an hour; try again later']);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(3500);
    expect((await as(resident).get('/wishes?scope=mine')).body.items).toHaveLength(3);
  });

  test('the open-wish ceiling: 409 TOO_MANY_OPEN_WISHES until one ends', async () => {
    limitsOf({ LIMIT_OPEN_WISHES: '2' });
    const [resident] = await addResidents(1, 'r-ww-open');
    const first = (await as(resident).post('/wishes', CLUTTER)).body.wish.id;
    expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    expect(errorOf(await as(resident).post('/wishes', CLUTTER))).toEqual([
      409,
      'TOO_MANY_OPEN_WISHES',
      'at most 2 wishes can be open at once; confirm or close one first',
    ]);
    await step('u-grid-sun', first, 'reject', { reason: '重复提交' });
    expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
  });

  test('the write limit: past it 429 RATE_LIMITED (the per-minute message), checked before the other guards', async () => {
    const [resident] = await addResidents(1, 'r-ww-writes');
    await tokenOf(resident);
    await intoMinute();
    limitsOf({ LIMIT_WRITES_PER_MINUTE: '2' });
    expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    const third = await as(resident).post('/wishes', CLUTTER);
    expect(errorOf(third)).toEqual([429, 'RATE_LIMITED', 'at most 2 changes a minute; try again shortly']);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await as(resident).get('/wishes?scope=mine')).body.items).toHaveLength(2);
  });

  test('a retried Idempotency-Key answers the first wish (200), even from a refused transaction; another body is 422', async () => {
    const [resident] = await addResidents(1, 'r-ww-key');
    const headers = { 'Idempotency-Key': 'ww-key-00001' };
    const first = await as(resident).post<WishDetail>('/wishes', LAMP, { headers });
    expect(first.status).toBe(201);
    const again = await as(resident).post<WishDetail>('/wishes', LAMP, { headers });
    expect(again.status).toBe(200);
    expect(again.body.wish).toEqual(first.body.wish);
    expect(again.body.timeline.map((e) => e.seq)).toEqual(first.body.timeline.map((e) => e.seq));
    const other = await as(resident).post('/wishes', CLUTTER, { headers });
    expect(errorOf(other)).toEqual([422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different wish; use a new key']);
    expect((await as(resident).get('/wishes?scope=mine')).body.items).toHaveLength(1);
  });
});

describe('claiming a wish: the version read, the caps and the write limit are conditions of its transaction', () => {
  test('200 volunteers claim one wish at once: exactly one claimant, the others ALREADY_CLAIMED, the counts +1 once', async () => {
    const volunteers = await addVolunteers(200, 't-gc-nengren', 'u-vol-ww-race');
    await Promise.all(volunteers.map(tokenOf));
    const { wish } = await submit(LAMP);
    const before = Number((await load('t-gc-nengren'))?.active ?? 0);
    const results = await Promise.all(volunteers.map((v) => as(v).post(`/wishes/${wish.id}/claim`)));

    const winners = volunteers.filter((_, i) => results[i].status === 200);
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.map((r) => `${r.status} ${r.body.error.code} ${r.body.error.message}`)).toEqual(
      Array(199).fill('409 ALREADY_CLAIMED another volunteer has already claimed this wish'),
    );
    const stored = await getWishWithTimeline(wish.id);
    expect(stored?.wish).toMatchObject({ status: 'claimed', claimantId: winners[0] });
    expect(stored?.timeline.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(stored?.timeline.filter((e) => e.action === 'claim').map((e) => e.actorId)).toEqual(winners);
    const after = await load('t-gc-nengren');
    expect(Number(after?.active)).toBe(before + 1);
    expect(after?.[`m_${winners[0]}`]).toBe(1);
  });

  test('the answer is the wish as claimed, as a later read shows it', async () => {
    const { wish } = await submit(LAMP);
    const claimed = await as(CLAIMANT).post<WishDetail>(`/wishes/${wish.id}/claim`);
    expect(claimed.status).toBe(200);
    const read = await as(CLAIMANT).get<WishDetail>(`/wishes/${wish.id}`);
    expect(claimed.body.wish).toEqual(read.body.wish);
    expect(claimed.body.allowedActions).toEqual(read.body.allowedActions);
    expect(claimed.body.timeline.map((e) => [e.seq, e.action])).toEqual(read.body.timeline.map((e) => [e.seq, e.action]));
    // Claiming again (a retry over a flaky network) gets the wish back.
    const again = await as(CLAIMANT).post<WishDetail>(`/wishes/${wish.id}/claim`);
    expect([again.status, again.body.wish.claimantId]).toEqual([200, CLAIMANT]);
  });

  test('a member’s cap on open claims: 409 CLAIM_LIMIT, and the wish stays unclaimed', async () => {
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-ww-cap');
    const team = (await getTeam('t-gc-nengren'))!;
    await putTeam({ ...team, memberCap: 1 });
    try {
      const [a, b] = [await submit(LAMP), await submit(LAMP)];
      expect((await as(volunteer).post(`/wishes/${a.wish.id}/claim`)).status).toBe(200);
      const capped = await as(volunteer).post(`/wishes/${b.wish.id}/claim`);
      expect(errorOf(capped)).toEqual([409, 'CLAIM_LIMIT', 'you or your team hold as many open claims as allowed; finish one first']);
      expect((await getWishWithTimeline(b.wish.id))?.wish).toMatchObject({ status: 'routed', claimantId: null });
    } finally {
      await putTeam({ ...(await getTeam('t-gc-nengren'))!, memberCap: 5_000 });
    }
  });

  test('the write limit: 429 RATE_LIMITED and the wish stays unclaimed', async () => {
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-ww-writes');
    const { wish } = await submit(LAMP);
    await tokenOf(volunteer);
    await intoMinute();
    limitsOf({ LIMIT_WRITES_PER_MINUTE: '1' });
    expect((await as(volunteer).post('/notifications/read-all', {})).status).toBe(200);
    expect(errorOf(await as(volunteer).post(`/wishes/${wish.id}/claim`))).toEqual([
      429,
      'RATE_LIMITED',
      'at most 1 changes a minute; try again shortly',
    ]);
    expect((await getWishWithTimeline(wish.id))?.wish.status).toBe('routed');
  });

  test('the rules read with the wish: another team’s volunteer is answered as for a missing wish; a finished one is 409', async () => {
    const { wish } = await submit(LAMP);
    const stranger = await as('u-vol-wu').post(`/wishes/${wish.id}/claim`);
    const missing = await as('u-vol-wu').post('/wishes/w-no-such-wish/claim');
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(missing.body);
    const confirmed = await wishIn('confirmed');
    expect(errorOf(await as('u-vol-liu').post(`/wishes/${confirmed}/claim`))).toEqual([
      409,
      'INVALID_TRANSITION',
      'a wish that is confirmed cannot be claimed',
    ]);
  });
});

describe('round trips on the happy path, with the signed-in user cached', () => {
  // The caches' windows (5 s) are longer than these few requests take, but not always under a busy suite on two
  // cores: hold them open here, so what is counted is the happy path, not a cache's refresh.
  const saved = { USER_CACHE_MS: process.env.USER_CACHE_MS, REF_CACHE_MS: process.env.REF_CACHE_MS };
  beforeEach(() => {
    Object.assign(process.env, { USER_CACHE_MS: '120000', REF_CACHE_MS: '120000' });
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test('a post is exactly one DynamoDB call; a claim from the wish’s page one; a claim without it one read and one transaction', async () => {
    const [resident] = await addResidents(1, 'r-ww-trips');
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-ww-trips');
    // The street's limits and the calendar (a minute) and the reference cache (5 s when an earlier test of this
    // file filled it) keep an entry from its first read, which the warm-up below would not renew: start them
    // afresh, so the warm-up is what a busy container holds. (Without this a claim here re-read PLACE# or SETTINGS#.)
    forgetSettings();
    refChanged();
    // Warm this container's caches (the users, the building, category and routing), as a busy one has them. (A
    // claim's own load change drops the routing it cached, here where posts and claims share one process.)
    const [first, second, third] = [
      await as(resident).post('/wishes', LAMP),
      await as(resident).post('/wishes', LAMP),
      await as(resident).post('/wishes', LAMP),
    ];
    expect((await as(volunteer).post(`/wishes/${first.body.wish.id}/claim`)).status).toBe(200);
    expect((await as(resident).post('/wishes', LAMP)).status).toBe(201);
    const page = await as(volunteer).get<WishDetail>(`/wishes/${second.body.wish.id}`);
    expect(page.body.seen).toEqual(expect.any(String));
    const calls = recordDbCalls();
    const seen = () => calls.calls.map((c) => `${c.command}${c.input.Key ? ` ${c.input.Key.PK}` : ''}`);
    try {
      expect((await as(resident).post('/wishes', LAMP)).status).toBe(201);
      expect(seen()).toEqual(['TransactWriteItemsCommand']);
      calls.clear();
      const claimed = await as(volunteer).post<WishDetail>(`/wishes/${second.body.wish.id}/claim`, { seen: page.body.seen });
      expect([claimed.status, claimed.body.wish.claimantId]).toEqual([200, volunteer]);
      expect(seen()).toEqual(['TransactWriteItemsCommand']);
      calls.clear();
      expect((await as(volunteer).post(`/wishes/${third.body.wish.id}/claim`)).status).toBe(200);
      expect(seen()).toEqual(['QueryCommand', 'TransactWriteItemsCommand']);
    } finally {
      calls.stop();
    }
  });
});

describe('我也遇到 and council support: refusals from their transaction', () => {
  const shared = { ...CLUTTER, shared: true };

  test('我也遇到: counted once per neighbour; a second tap answers as the first; one read and one transaction', async () => {
    const [owner, neighbour] = await addResidents(2, 'r-ww-metoo');
    const { wish } = await submit(shared, owner);
    expect((await as(neighbour).get('/me')).status).toBe(200);
    const calls = recordDbCalls();
    let first: WishDetail;
    try {
      const res = await as(neighbour).post<WishDetail>(`/wishes/${wish.id}/support`, {});
      expect(res.status).toBe(200);
      first = res.body;
      expect(calls.calls.map((c) => `${c.command} ${c.input.Key?.PK ?? ''}`)).toEqual(['QueryCommand ', 'TransactWriteItemsCommand ']);
    } finally {
      calls.stop();
    }
    expect([first.supporting, first.wish.supporters]).toEqual([true, 1]);
    const again = await as(neighbour).post<WishDetail>(`/wishes/${wish.id}/support`, {});
    expect([again.status, again.body.wish.supporters]).toEqual([200, 1]);
    expect(errorOf(await as(owner).post(`/wishes/${wish.id}/support`, {}))).toEqual([409, 'INVALID_TRANSITION', 'this is your own wish']);
  });

  test('我也遇到 past the write limit is 429 and not counted', async () => {
    const [owner, neighbour] = await addResidents(2, 'r-ww-metoo-limit');
    const { wish } = await submit(shared, owner);
    await tokenOf(neighbour);
    await intoMinute();
    limitsOf({ LIMIT_WRITES_PER_MINUTE: '1' });
    expect((await as(neighbour).post('/notifications/read-all', {})).status).toBe(200);
    expect(errorOf(await as(neighbour).post(`/wishes/${wish.id}/support`, {}))).toEqual([
      429,
      'RATE_LIMITED',
      'at most 1 changes a minute; try again shortly',
    ]);
    expect((await getWishWithTimeline(wish.id))?.wish.supporters).toBe(0);
  });
});

describe('council support: a resident’s own support goes straight to its transaction', () => {
  const topicBy = async (who: string) =>
    (await as(who).post('/council/topics', { title: '增设快递柜', body: '快递常丢,希望增设快递柜' })).body.topic.id as string;
  const supporters = async (id: string) =>
    (await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `TOPIC#${id}`, SK: 'TOPIC' } }))).Item?.supporters ?? 0;

  test('counted once: the first call is the transaction; a second support answers as the first', async () => {
    const id = await topicBy('u-res-zhao');
    expect((await as('u-res-wang').get('/me')).status).toBe(200);
    const calls = recordDbCalls();
    try {
      const res = await as('u-res-wang').post(`/council/topics/${id}/support`, {});
      expect([res.status, res.body.topic.supporters, res.body.supporting]).toEqual([200, 1, true]);
      expect(calls.commands()[0]).toBe('TransactWriteItemsCommand');
    } finally {
      calls.stop();
    }
    const again = await as('u-res-wang').post(`/council/topics/${id}/support`, {});
    expect([again.status, again.body.topic.supporters]).toEqual([200, 1]);
    expect(await supporters(id)).toBe(1);
  });

  test('refusals by its conditions answer as the checks did: their own proposal, another community, a topic past collecting', async () => {
    const id = await topicBy('u-res-zhao');
    expect(errorOf(await as('u-res-zhao').post(`/council/topics/${id}/support`, {}))).toEqual([
      409,
      'WRONG_STEP',
      'this is your own proposal',
    ]);
    const stranger = await as('u-res-ptn').post(`/council/topics/${id}/support`, {});
    const missing = await as('u-res-ptn').post('/council/topics/no-such-topic/support', {});
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(missing.body);
    // A topic past collecting (confirmed, plans being drafted), as the clock or staff would leave it.
    const drafted = await topicBy('u-res-li');
    expect(await refreshTopic((await getTopic(drafted))!, { step: 'drafting' })).toBe(true);
    const late = await as('u-res-wang').post(`/council/topics/${drafted}/support`, {});
    expect([late.status, late.body.error.code]).toEqual([409, 'WRONG_STEP']);
    expect(await supporters(id)).toBe(0);
    expect(await supporters(drafted)).toBe(0);
  });

  test('past the write limit: 429, not counted', async () => {
    const id = await topicBy('u-res-zhao');
    const [resident] = await addResidents(1, 'r-ww-council');
    await tokenOf(resident);
    await intoMinute();
    limitsOf({ LIMIT_WRITES_PER_MINUTE: '1' });
    expect((await as(resident).post('/notifications/read-all', {})).status).toBe(200);
    expect(errorOf(await as(resident).post(`/council/topics/${id}/support`, {}))).toEqual([
      429,
      'RATE_LIMITED',
      'at most 1 changes a minute; try again shortly',
    ]);
    expect(await supporters(id)).toBe(0);
  });
});
