import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { AppError } from '../../shared/errors';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { writeLimitRefusal } from '../../functions/data/rate-limits';
import { isCancelled } from '../../functions/data/transactions';
import { route } from '../../functions/http/handler';
import { as, invoke, request, tokenOf, type LambdaHandler } from '../helpers/api';
import { recordDbCalls } from '../helpers/db-calls';
import { addResidents } from '../helpers/people';
import { useDemoTable } from '../helpers/table';

useDemoTable();

/**
 * A route that opts into counting the write limit in its own transaction, built with the real `route()` and run
 * through the real middy stack: it writes one NOTE item (refused when the body asks, by a condition of the same
 * transaction) and the write-limit item, in one TransactWriteItems.
 */
const noteKey = (id: string) => ({ PK: `TESTNOTE#${id}`, SK: 'NOTE' });
const noteRoute = route(
  { roles: ['resident'], limit: 'in-transaction', body: z.strictObject({ id: z.string(), refuse: z.boolean().optional() }), status: 201 },
  async ({ body, writeLimit, now }) => {
    const items = [
      {
        Put: {
          TableName: tableName(),
          Item: { ...noteKey(body.id), type: 'testNote' },
          ConditionExpression: body.refuse ? 'attribute_exists(PK)' : 'attribute_not_exists(PK)',
        },
      },
      writeLimit,
    ];
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const limited = writeLimitRefusal(error, items, now);
      if (limited) throw limited;
      if (isCancelled(error)) throw new AppError('INVALID_TRANSITION', 'refused by its condition');
      throw error;
    }
    return { id: body.id };
  },
) as unknown as LambdaHandler;

const note = (token: string, body: unknown) => invoke(noteRoute, 'POST', '/notes', { token, body, routeKey: 'POST /notes' });
const noteStored = async (id: string) => !!(await db().send(new GetCommand({ TableName: tableName(), Key: noteKey(id) }))).Item;
/** This minute's write count of a user, as stored. */
const writesCounted = async (userId: string) => {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `LIMIT#${userId}#writes#${start}`, SK: 'LIMIT' } }));
  return Number(out.Item?.hits ?? 0);
};
/** A new session of a user (a phone of their own). */
const phone = async (userId: string) => (await request('POST', '/auth/dev-login', { body: { userId } })).body.token as string;
/** Start well inside a clock minute, so a test's writes share one counter. */
const intoMinute = async () => {
  const at = Date.now() % 60_000;
  if (at > 45_000) await new Promise((r) => setTimeout(r, 60_500 - at));
};

const saved = { ...process.env };
beforeEach(() => {
  process.env.LIMIT_WRITES_PER_MINUTE = '3';
});
afterAll(() => {
  for (const key of ['LIMIT_WRITES_PER_MINUTE', 'USER_CACHE_MS']) process.env[key] = saved[key];
});

describe('the write limit counted inside the route’s own transaction', () => {
  test('past the limit an opted-in route answers exactly as a route counting first: 429 RATE_LIMITED, same message, Retry-After', async () => {
    const [resident, other] = await addResidents(2, 'r-wl-past');
    const token = await tokenOf(resident);
    await intoMinute();
    for (let i = 0; i < 3; i++) expect((await note(token, { id: `${resident}-${i}` })).status).toBe(201);
    const refused = await note(token, { id: `${resident}-3` });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await noteStored(`${resident}-3`)).toBe(false);
    expect(await writesCounted(resident)).toBe(3);

    // A route that still counts before it runs (PATCH /me), past the same limit: the same answer.
    for (let i = 0; i < 3; i++) expect((await as(other).patch('/me', { phone: '13912345678' })).status).toBe(200);
    const before = await as(other).patch('/me', { phone: '13912345678' });
    expect(before.status).toBe(429);
    expect(refused.body).toEqual(before.body);
    expect(Math.abs(Number(refused.headers['retry-after']) - Number(before.headers['retry-after']))).toBeLessThanOrEqual(2);
  });

  test('the happy path is one round trip: the user cached, the count and the write in one TransactWriteItems', async () => {
    const [resident] = await addResidents(1, 'r-wl-one');
    const token = await tokenOf(resident);
    expect((await note(token, { id: `${resident}-warm` })).status).toBe(201);
    const calls = recordDbCalls();
    try {
      expect((await note(token, { id: `${resident}-one` })).status).toBe(201);
      expect(calls.commands()).toEqual(['TransactWriteItemsCommand']);
    } finally {
      calls.stop();
    }
  });

  test('a refused write of a live session still counts: by its transaction’s condition, by role, by bad input', async () => {
    const [resident] = await addResidents(1, 'r-wl-refused');
    const token = await tokenOf(resident);
    await intoMinute();
    const refused = await note(token, { id: `${resident}-x`, refuse: true });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await note(token, { id: 7 })).status).toBe(400);
    expect(await writesCounted(resident)).toBe(2);
    expect((await note(token, { id: `${resident}-ok` })).status).toBe(201);
    expect(await writesCounted(resident)).toBe(3);
    const fourth = await note(token, { id: `${resident}-late`, refuse: true });
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'RATE_LIMITED']);

    // A volunteer is not a resident: refused by role (403), and counted as before.
    const volunteer = await tokenOf('u-vol-wu');
    expect((await note(volunteer, { id: 'vol-wu-1' })).status).toBe(403);
    expect(await writesCounted('u-vol-wu')).toBe(1);
  });

  test('an ended session cannot spend its owner’s writes; the owner signs in again and writes at once', async () => {
    const [resident] = await addResidents(1, 'r-wl-ended');
    const lost = await phone(resident);
    await intoMinute();
    expect((await note(lost, { id: `${resident}-before` })).status).toBe(201);
    expect((await as('u-staff-guo').post(`/users/${resident}/sign-out`, {})).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await note(lost, { id: `${resident}-lost-${i}` })).status).toBe(401);
    expect(await writesCounted(resident)).toBe(1);
    expect((await note(await phone(resident), { id: `${resident}-again` })).status).toBe(201);
  });
});

describe('the signed-in user kept per container for a few seconds', () => {
  /** The sign-out route loaded afresh: its own module registry, so its own user cache, as another container has. */
  const otherContainer = (): LambdaHandler => {
    let handler: LambdaHandler | undefined;
    jest.isolateModules(() => {
      handler = require('../../functions/auth/routes/post-users-id-sign-out').handler;
    });
    return handler!;
  };

  test('a session ended in this container stops at once', async () => {
    const [resident] = await addResidents(1, 'r-wl-here');
    const token = await phone(resident);
    expect((await note(token, { id: `${resident}-1` })).status).toBe(201);
    expect((await as('u-staff-guo').post(`/users/${resident}/sign-out`, {})).status).toBe(200);
    expect((await note(token, { id: `${resident}-2` })).status).toBe(401);
  });

  test('a session ended in another container still works here within the window, and stops once it has passed', async () => {
    process.env.USER_CACHE_MS = '3000';
    try {
      const [resident] = await addResidents(1, 'r-wl-there');
      const token = await phone(resident);
      expect((await note(token, { id: `${resident}-1` })).status).toBe(201); // cached here now
      const cachedAt = Date.now();
      const ended = await invoke(otherContainer(), 'POST', `/users/${resident}/sign-out`, {
        token: await phone('u-staff-guo'),
        body: {},
        routeKey: 'POST /users/{id}/sign-out',
        pathParameters: { id: resident },
      });
      expect(ended.status).toBe(200);
      const within = await note(token, { id: `${resident}-2` });
      // Asserted only while the window surely holds (a starved machine may take seconds per request).
      if (Date.now() - cachedAt < 2_500) expect(within.status).toBe(201);
      await new Promise((r) => setTimeout(r, Math.max(0, cachedAt + 3_100 - Date.now())));
      const after = await note(token, { id: `${resident}-3` });
      expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await noteStored(`${resident}-3`)).toBe(false);
    } finally {
      process.env.USER_CACHE_MS = saved.USER_CACHE_MS ?? '';
    }
  });
});
