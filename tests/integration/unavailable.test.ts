import { resetDb } from '../../functions/data/db';
import { getWishWithTimeline } from '../../functions/data/wishes';
import { request, tokenOf } from '../helpers/api';
import { freePort } from '../helpers/free-port';
import { useDemoTable } from '../helpers/table';
import { LAMP, OWNER } from '../helpers/wishes';

useDemoTable();

describe('when DynamoDB does not answer', () => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  afterEach(() => {
    process.env.DYNAMODB_ENDPOINT = endpoint;
    resetDb();
  });

  test('the API answers 503 UNAVAILABLE, and once it is back nothing half-written remains', async () => {
    const token = await tokenOf(OWNER);
    const before = await request('GET', '/wishes', { token, query: { scope: 'mine' } });
    expect((await request('GET', '/health')).body).toMatchObject({ status: 'ok', stage: 'test' });

    // A container keeps a signed-in user a few seconds (functions/http/user-cache.ts): GET /me would be answered from
    // it. With the cache off, every request needs the database.
    process.env.USER_CACHE_MS = '0';
    process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
    resetDb();
    for (const [method, url, body] of [
      ['GET', '/health'],
      ['GET', '/me'],
      ['POST', '/wishes', LAMP],
      ['POST', '/wishes/w-demo-lamp/claim', {}],
    ] as const) {
      const res = await request(method, url, { token, body });
      expect([url, res.status, res.body.error.code]).toEqual([url, 503, 'UNAVAILABLE']);
    }

    process.env.DYNAMODB_ENDPOINT = endpoint;
    delete process.env.USER_CACHE_MS;
    resetDb();
    const after = await request('GET', '/wishes', { token, query: { scope: 'mine' } });
    expect(after.body.items).toEqual(before.body.items);
    const lamp = await getWishWithTimeline('w-demo-lamp');
    expect(lamp?.wish.status).toBe('routed');
    expect(lamp?.timeline).toHaveLength(2);
  });
});
