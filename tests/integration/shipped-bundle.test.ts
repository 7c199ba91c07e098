import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../functions/data/db';
import { notificationWrites } from '../../functions/data/notifications';
import { localClient } from '../../scripts/local-dynamodb';
import { ensureTable } from '../../scripts/table';

const { bundleHandler } = require('../../scripts/build/bundle.cjs') as {
  bundleHandler: (handler: string, outfile: string) => Promise<{ bytes: number }>;
};

/**
 * The rest of the suite runs the TypeScript sources; this runs what a deploy ships: each function's one esbuild
 * file (with its own credential provider and only the schemas its route reaches), loaded in a fresh Node process
 * as Lambda loads it, signing its requests with the credentials Lambda puts in the environment.
 */
function runBundleRaw(file: string, event: object, env: Record<string, string | undefined>): any {
  const driver = `
    const { handler } = require(${JSON.stringify(file)});
    const event = ${JSON.stringify(event)};
    const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
    handler(event, context).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });
  `;
  const out = spawnSync(process.execPath, ['-e', driver], { encoding: 'utf8', env: env as NodeJS.ProcessEnv, timeout: 30_000 });
  if (out.status !== 0) throw new Error(`the bundle failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

function runBundle(file: string, event: object, env: Record<string, string | undefined>): { statusCode: number; body: any } {
  const result = runBundleRaw(file, event, env);
  return { statusCode: result.statusCode, body: JSON.parse(result.body) };
}

const apiEvent = (method: string, rawPath: string, body?: unknown) => ({
  version: '2.0',
  routeKey: `${method} ${rawPath}`,
  rawPath,
  rawQueryString: '',
  headers: { host: 'api.linli.test', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  requestContext: {
    http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bundle-test' },
    requestId: 'r1',
  },
  body: body === undefined ? undefined : JSON.stringify(body),
  isBase64Encoded: false,
});

describe('the bundles a deploy ships', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-shipped-'));
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  const env = {
    PATH: process.env.PATH,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    TABLE_NAME: process.env.TABLE_NAME,
    STAGE: 'test',
    LOG_LEVEL: 'SILENT',
    AWS_REGION: 'cn-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    JWT_SECRET: process.env.JWT_SECRET,
    // As the Lambda runtime sets them for the execution role.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'session',
  };
  let health = '';
  let signIn = '';
  let tick = '';

  beforeAll(async () => {
    await ensureTable(client, process.env.TABLE_NAME!);
    health = (await bundleHandler('functions/ops/routes/get-health.handler', path.join(dir, 'health.js'))) && path.join(dir, 'health.js');
    signIn =
      (await bundleHandler('functions/auth/routes/post-auth-wechat.handler', path.join(dir, 'sign-in.js'))) && path.join(dir, 'sign-in.js');
    tick = (await bundleHandler('functions/tick/routes/schedule-tick.handler', path.join(dir, 'tick.js'))) && path.join(dir, 'tick.js');
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME! }));
    client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GET /health reads the table with the credentials Lambda puts in the environment', () => {
    const answer = runBundle(health, apiEvent('GET', '/health'), env);
    expect(answer).toMatchObject({ statusCode: 200, body: { status: 'ok', stage: 'test' } });
  });

  test('without credentials anywhere: at once the configuration error it is (500, cause logged), not a wait on other sources', () => {
    const started = Date.now();
    const answer = runBundle(health, apiEvent('GET', '/health'), {
      ...env,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(answer).toMatchObject({ statusCode: 500, body: { error: { code: 'INTERNAL', requestId: 'bundle-test' } } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("a route's body is still checked by its schema in the bundle (schemas marked side-effect free are kept when used)", () => {
    const answer = runBundle(signIn, apiEvent('POST', '/auth/wechat', { code: '' }), env);
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.issues[0].path).toBe('body.code');
  });

  test('tick loads a clock the first time it has due work, and the clock runs from the bundle', async () => {
    // A notification whose WeChat message is due: the push clock is loaded by import() inside the one bundle file.
    const at = '2026-11-28T08:00:00.000Z';
    const notice = {
      userId: 'u-bundle',
      kind: 'wish_routed' as const,
      title: '新心愿',
      body: '有一个心愿等你认领',
      link: '/pages/wish/index',
      push: 'action_needed' as const,
    };
    await db().send(new TransactWriteCommand({ TransactItems: notificationWrites([notice], at) }));
    const event = {
      version: '0',
      id: 'e1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-28T08:05:00Z',
      detail: {},
    };
    expect(runBundleRaw(tick, event, env)).toMatchObject({ done: 1, failed: 0, byKind: { push: 1 }, complete: true });
    // Nothing is left due: a second run has nothing to load or do.
    expect(runBundleRaw(tick, event, env)).toMatchObject({ done: 0, failed: 0, byKind: {} });
  });
});
