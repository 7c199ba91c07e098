import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { unexpectedCancellation } from '../../functions/data/transactions';
import { getWishWithTimeline } from '../../functions/data/wishes';
import { TIMEOUT_MARGIN_MS } from '../../functions/config';
import { AppError } from '../../shared/errors';
import { ErrorBody } from '../../shared/schemas/common';
import { as, invoke, type LambdaHandler } from '../helpers/api';
import { captureLogs } from '../helpers/logs';
import { useDemoTable } from '../helpers/table';
import { CLAIMANT, OWNER, step, wishIn } from '../helpers/wishes';

useDemoTable();
const logs = captureLogs();
// Loaded after captureLogs has switched the logger to INFO.
const fault = (name: 'throws' | 'rejectsWithAString' | 'hangs'): LambdaHandler => require('../fixtures/fault-handlers')[name];

describe('a handler that fails is never answered with a success', () => {
  test.each([
    ['throws a TypeError', 'throws', 500, 'INTERNAL'],
    ['rejects with a string', 'rejectsWithAString', 500, 'INTERNAL'],
  ] as const)(
    'one that %s (%s) answers %i %s, with the request id in the body and in the log line',
    async (_name, handler, status, code) => {
      const res = await invoke(fault(handler), 'GET', '/fault');
      expect(res.status).toBe(status);
      const body = ErrorBody.parse(res.body);
      expect(body.error).toMatchObject({ code, requestId: res.requestId });
      expect(res.text).not.toMatch(/TypeError|settings|database said no/); // the cause is logged, not shown
      const line = logs.lines().find((l) => l.message === 'request failed' && l.requestId === res.requestId);
      expect(line).toMatchObject({ level: 'ERROR', code, route: 'GET /fault' });
      expect(JSON.stringify(line?.error)).toMatch(/retries|database said no/);
    },
  );

  test('one that runs out of time answers 504 TIMEOUT itself, from the early timeout armed on the time Lambda says is left', async () => {
    // The handler never settles: any answer at all is the stack's own, and the early timeout is the only
    // path that answers 504 TIMEOUT. It is armed from the time Lambda says is left, less the margin.
    const timeoutMs = TIMEOUT_MARGIN_MS + 300;
    const asked: number[] = [];
    const hangs = fault('hangs');
    const watched: LambdaHandler = (event, context) => {
      const remaining = context.getRemainingTimeInMillis.bind(context);
      context.getRemainingTimeInMillis = () => {
        const left = remaining();
        asked.push(left);
        return left;
      };
      return hangs(event, context);
    };
    const res = await invoke(watched, 'GET', '/fault', { timeoutMs });
    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toContain('application/json');
    expect(ErrorBody.parse(res.body).error).toEqual({
      code: 'TIMEOUT',
      message: 'the request took too long; it may not have completed, so check before retrying',
      requestId: res.requestId,
    });
    // The early timeout was armed once, from the time Lambda said was left (nothing else asks for it).
    expect(asked).toHaveLength(1);
    const failed = logs.lines().find((l) => l.message === 'request failed' && l.requestId === res.requestId);
    expect(failed).toMatchObject({ level: 'ERROR', code: 'TIMEOUT', route: 'GET /fault' });
    expect(logs.lines().some((l) => l.requestId === res.requestId && l.status === 504)).toBe(true);
  }, 10_000);
});

describe('only a conflict is retried as a stale version', () => {
  test('a transaction refused for another reason is a logged 500, not a misleading 409, and changes nothing', async () => {
    const id = await wishIn('done');
    // A stored event ahead of the wish (seq 6 while the wish is at version 5): the confirm's transaction
    // is cancelled on the event's condition alone. No re-read can fix that, so it must not be retried.
    // A well-formed event (a copy of the last one), so that only the transaction's condition refuses it.
    const last = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `WISH#${id}`, SK: 'EVENT#000005' } }));
    expect(last.Item).toBeDefined();
    const stray: Record<string, unknown> = { ...last.Item, SK: 'EVENT#000006', seq: 6 };
    await db().send(new PutCommand({ TableName: tableName(), Item: stray }));
    const res = await as(OWNER).post(`/wishes/${id}/confirm`, { rating: 5 });
    expect([res.status, res.body.error.code, res.body.error.requestId]).toEqual([500, 'INTERNAL', res.requestId]);
    const line = logs.lines().find((l) => l.message === 'request failed' && l.requestId === res.requestId);
    expect(line).toMatchObject({ level: 'ERROR', code: 'INTERNAL', route: 'POST /wishes/{id}/confirm' });
    expect(JSON.stringify(line!.error)).toContain('None, ConditionalCheckFailed');
    await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK: stray.PK, SK: stray.SK } }));
    const stored = await getWishWithTimeline(id);
    expect(stored?.wish).toMatchObject({ status: 'done', version: 5 });
    // With the stray item gone the same confirm goes through.
    expect((await step(OWNER, id, 'confirm', { rating: 5 })).wish.status).toBe('confirmed');
  });

  test.each([
    [['ThrottlingError', 'None'], 'UNAVAILABLE'],
    [['None', 'ProvisionedThroughputExceeded'], 'UNAVAILABLE'],
    [['ValidationError', 'None'], 'a plain Error (500)'],
    [['ItemCollectionSizeLimitExceeded'], 'a plain Error (500)'],
  ])('a cancellation with reasons %j is answered as %s', (codes, expected) => {
    const error = unexpectedCancellation({ name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(error instanceof AppError ? error.code : 'a plain Error (500)').toBe(expected);
  });

  test('the claimant tapping 认领 again gets the wish back, unchanged', async () => {
    const id = await wishIn('claimed');
    const results = await Promise.all(Array.from({ length: 10 }, () => as(CLAIMANT).post(`/wishes/${id}/claim`)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.every((r) => r.body.wish.claimantId === CLAIMANT)).toBe(true);
    const stored = await getWishWithTimeline(id);
    expect(stored?.wish.version).toBe(3);
    expect(stored?.timeline.filter((e) => e.action === 'claim')).toHaveLength(1);
  });
});
