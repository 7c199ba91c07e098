import type { Context } from 'aws-lambda';

/**
 * The functions' logger (functions/http/log.ts): one JSON line per entry, each invocation with its own keys, and a
 * log call that never throws, whatever it is handed (a failed request must still be answered).
 */

// The logger takes its level when first loaded; the suite runs SILENT.
process.env.LOG_LEVEL = 'INFO';
const { logger, perInvocation } = require('../../functions/http/log') as typeof import('../../functions/http/log');

const lines: string[] = [];
let spies: jest.SpyInstance[] = [];
beforeEach(() => {
  lines.length = 0;
  const keep = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  spies = [jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep)];
});
afterEach(() => {
  for (const s of spies) s.mockRestore();
});
const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
const context = (id: string) => ({ awsRequestId: id, functionName: 'wishClaim', memoryLimitInMB: '1024' }) as unknown as Context;

test('a value JSON cannot hold (a cycle, a BigInt, a chain of causes) is written, not thrown', () => {
  const cycle: Record<string, unknown> = { name: 'a' };
  cycle.self = cycle;
  const error = new Error('outer', { cause: new Error('inner') });
  expect(() => logger.error('request failed', { data: cycle, n: 10n, error })).not.toThrow();
  const [line] = parsed();
  expect(line).toMatchObject({ level: 'ERROR', message: 'request failed', data: { name: 'a', self: '[circular]' }, n: '10' });
  expect([line.error.message, line.error.cause.message]).toEqual(['outer', 'inner']);
});

test('concurrent invocations keep their own keys; the first in a container is the cold start', async () => {
  const handler = perInvocation(async (event: { user: string; wait: number }) => {
    logger.appendKeys({ userId: event.user });
    await new Promise((r) => setTimeout(r, event.wait));
    logger.info('request');
  });
  await Promise.all([handler({ user: 'u-a', wait: 30 }, context('r-a')), handler({ user: 'u-b', wait: 5 }, context('r-b'))]);
  const byRequest = Object.fromEntries(parsed().map((l) => [l.function_request_id, [l.userId, l.cold_start, l.function_name]]));
  expect(byRequest).toEqual({ 'r-a': ['u-a', true, 'wishClaim'], 'r-b': ['u-b', false, 'wishClaim'] });
});

test('an AWS error is written with what finds it at AWS, never the items a refused transaction returns', () => {
  const refused = Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    $metadata: { httpStatusCode: 400, requestId: 'REQ-42' },
    CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { contactPhone: { S: '13800000002' } } }, { Code: 'None' }],
  });
  process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  const handler = perInvocation(async () => logger.error('request failed', { error: refused }));
  return handler({}, context('r-aws')).then(() => {
    delete process.env._X_AMZN_TRACE_ID;
    const [line] = parsed();
    expect(line.error).toMatchObject({
      name: 'TransactionCanceledException',
      $metadata: { requestId: 'REQ-42' },
      cancellationCodes: ['ConditionalCheckFailed', 'None'],
    });
    expect(line.xray_trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(lines.join('')).not.toContain('13800000002');
  });
});
