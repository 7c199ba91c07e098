import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { as, tokenOf } from '../helpers/api';
import { addResidents } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { CLUTTER, LAMP, step } from '../helpers/wishes';

useDemoTable();

/** The wishes stored for a resident, read from the table itself (not from the answers). */
async function storedWishes(ownerId: string): Promise<number> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `OWNER#${ownerId}` },
    }),
  );
  return (out.Items ?? []).filter((i) => i.type === 'wish').length;
}

const saved = { ...process.env };
beforeAll(() => {
  // The defaults a deployment gets: 5 wishes an hour, 10 open, 60 writes a minute.
  Object.assign(process.env, { LIMIT_WISHES_PER_HOUR: '5', LIMIT_OPEN_WISHES: '10', LIMIT_WRITES_PER_MINUTE: '60' });
});
afterAll(() => {
  for (const key of ['LIMIT_WISHES_PER_HOUR', 'LIMIT_OPEN_WISHES', 'LIMIT_WRITES_PER_MINUTE']) process.env[key] = saved[key];
});

describe('posting wishes', () => {
  test('the 6th wish in an hour is 429 RATE_LIMITED with a Retry-After, and nothing is stored for it', async () => {
    const [resident] = await addResidents(1, 'r-sixth');
    for (let i = 0; i < 5; i++) expect((await as(resident).post('/wishes', LAMP)).status).toBe(201);
    const sixth = await as(resident).post('/wishes', LAMP);
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500); // the first of the five leaves the window in about an hour
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await storedWishes(resident)).toBe(5);
  });

  test('20 concurrent posts by one resident store at most the limit; another resident is unaffected', async () => {
    const [flooder, neighbour] = await addResidents(2, 'r-flood');
    await Promise.all([flooder, neighbour].map(tokenOf));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => as(flooder).post('/wishes', { ...LAMP, description: `第${i}个心愿:灯坏了` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429 && r.body.error.code === 'RATE_LIMITED')).toHaveLength(15);
    expect(await storedWishes(flooder)).toBe(5);
    expect((await as(neighbour).post('/wishes', LAMP)).status).toBe(201);
  });

  test('retries of one post (one Idempotency-Key) count once', async () => {
    const [resident] = await addResidents(1, 'r-retry');
    const headers = { 'Idempotency-Key': 'limit-retry-0001' };
    const results = await Promise.all(Array.from({ length: 12 }, () => as(resident).post('/wishes', LAMP, { headers })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(11).fill(200), 201]);
    for (let i = 0; i < 4; i++) expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(429);
  });

  test('wishes a grid worker files for a resident count against that resident, not the grid worker', async () => {
    const [elder, other] = await addResidents(2, 'r-behalf');
    const fileFor = (residentId: string) => as('u-grid-sun').post('/wishes', { ...LAMP, onBehalfOf: residentId, consent: true });
    for (let i = 0; i < 5; i++) expect((await fileFor(elder)).status).toBe(201);
    expect((await fileFor(elder)).status).toBe(429);
    expect((await as(elder).post('/wishes', LAMP)).status).toBe(429);
    expect((await fileFor(other)).status).toBe(201);
  });

  test('at most 10 open at once: the 11th is refused until one of them ends', async () => {
    process.env.LIMIT_WISHES_PER_HOUR = '100';
    try {
      const [resident] = await addResidents(1, 'r-open');
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await as(resident).post('/wishes', CLUTTER)).body.wish.id);
      const eleventh = await as(resident).post('/wishes', CLUTTER);
      expect([eleventh.status, eleventh.body.error.code]).toEqual([409, 'TOO_MANY_OPEN_WISHES']);
      expect(await storedWishes(resident)).toBe(10);
      await step('u-grid-sun', ids[0], 'reject', { reason: '重复提交' });
      expect((await as(resident).post('/wishes', CLUTTER)).status).toBe(201);
    } finally {
      process.env.LIMIT_WISHES_PER_HOUR = '5';
    }
  });
});

describe('any write', () => {
  test('past 60 writes a minute a user gets 429 with Retry-After until the minute ends; reading still works', async () => {
    process.env.LIMIT_WRITES_PER_MINUTE = '3';
    try {
      const [resident] = await addResidents(1, 'r-writes');
      await tokenOf(resident);
      // The count is per clock minute: start well inside one, so the four writes share it.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await as(resident).patch('/me', { phone: '13912345678' }));
      expect(results.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
      const refused = results[3];
      expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await as(resident).get('/me')).status).toBe(200);
      expect((await as('u-res-wang').patch('/me', { phone: '13800000001' })).status).toBe(200);
    } finally {
      process.env.LIMIT_WRITES_PER_MINUTE = '60';
    }
  });
});
