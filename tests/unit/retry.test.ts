import { backoffMs, isLostRace, optimistic, RetriesSpent, TryAgain } from '../../functions/data/retry';
import { STATUS } from '../../functions/http/error-mapper';
import { logger } from '../../functions/http/log';
import { AppError } from '../../shared/errors';

const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** An attempt that loses `losses` races (throwing what `race` makes), then answers. */
function losing<T>(losses: number, answer: T, race: () => unknown = conditionFailed) {
  const calls: number[] = [];
  const attempt = async (n: number) => {
    calls.push(n);
    if (calls.length <= losses) throw race();
    return answer;
  };
  return { attempt, calls };
}

describe('optimistic: the one way to retry an optimistic write', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  test('succeeds after lost races, reading again each time, and logs nothing', async () => {
    const { attempt, calls } = losing(3, 'saved');
    await expect(optimistic('save a thing', attempt)).resolves.toBe('saved');
    expect(calls).toEqual([0, 1, 2, 3]);
    expect(warn).not.toHaveBeenCalled();
  });

  test.each([
    ['a single write whose condition failed', conditionFailed],
    ['a transaction cancelled by a condition and a collision', () => cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict')],
    [
      'a write that met another transaction on its item',
      () => Object.assign(new Error('conflict'), { name: 'TransactionConflictException' }),
    ],
    ['an attempt that asks for another (TryAgain)', () => new TryAgain('stale')],
  ])('retries %s', async (_name, race) => {
    expect(isLostRace(race())).toBe(true);
    const { attempt, calls } = losing(2, 'ok', race);
    await expect(optimistic('save a thing', attempt)).resolves.toBe('ok');
    expect(calls).toHaveLength(3);
  });

  test.each([
    ['a domain refusal', () => new AppError('NOT_FOUND', 'wish not found')],
    ['a throttled transaction', () => cancelled('ThrottlingError', 'None')],
    ['a bug', () => new TypeError('x is undefined')],
  ])('does not retry %s: it is thrown at once', async (_name, failure) => {
    const error = failure();
    expect(isLostRace(error)).toBe(false);
    const { attempt, calls } = losing(1, 'never', () => error);
    await expect(optimistic('save a thing', attempt)).rejects.toBe(error);
    expect(calls).toEqual([0]);
  });

  test('once the time budget is spent: a typed 409 CONCURRENT_CHANGE, with the cause logged', async () => {
    const { attempt, calls } = losing(Infinity, 'never');
    const started = Date.now();
    const error = await optimistic('save a thing', attempt, { budgetMs: 1_000 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(RetriesSpent);
    expect(error).toBeInstanceOf(AppError);
    const spent = error as RetriesSpent;
    expect([spent.code, STATUS[spent.code]]).toEqual(['CONCURRENT_CHANGE', 409]);
    expect(spent.attempts).toBe(calls.length);
    expect((spent.lastCause as Error).name).toBe('ConditionalCheckFailedException');
    // A budget, not a count: it keeps trying, with pauses, until the time is spent, and no longer.
    expect(calls.length).toBeGreaterThan(5);
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(1_100);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toMatchObject({
      what: 'save a thing',
      attempts: calls.length,
      code: 'CONCURRENT_CHANGE',
      error: expect.objectContaining({ name: 'ConditionalCheckFailedException' }),
    });
  });

  test('the answer when the budget is spent can be another code (a database that keeps keys unread is a 503)', async () => {
    const { attempt } = losing(Infinity, 'never', () => new TryAgain('2 keys left unprocessed'));
    const error = (await optimistic('read a batch', attempt, { budgetMs: 50, giveUp: { code: 'UNAVAILABLE', message: 'busy' } }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect([error.code, STATUS[error.code], error.message]).toEqual(['UNAVAILABLE', 503, 'busy']);
  });

  test('no pause when the attempt says none is needed; backoff grows with jitter up to a cap', async () => {
    const { attempt, calls } = losing(30, 'ok');
    const started = Date.now();
    await expect(optimistic('save a thing', attempt, { pauseAfter: () => false })).resolves.toBe('ok');
    expect(calls).toHaveLength(31);
    expect(Date.now() - started).toBeLessThan(200);
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => backoffMs(n, () => 0.999999))).toEqual(
      [10, 20, 40, 80, 160, 320, 320].map((max) => expect.closeTo(max, 1)),
    );
    expect(backoffMs(3, () => 0)).toBe(0);
  });
});
