import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { DEVELOPMENT_SECRET } from '../../functions/config';
import { serverlessBin } from '../../scripts/processes';
import { ErrorBody } from '../../shared/schemas/common';
import { request, tokenOf } from '../helpers/api';
import { captureLogs } from '../helpers/logs';
import { useDemoTable } from '../helpers/table';

useDemoTable();
// The handlers are loaded lazily (helpers/api), after captureLogs has switched the logger to INFO.
const logs = captureLogs();

const ROOT = path.resolve(__dirname, '../..');

/** Runs `fn` with some environment variables changed (undefined: unset), then puts them back. */
async function withEnv<T>(changes: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(changes);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

describe('demo sign-in and the development secret exist only where they are switched on', () => {
  test.each([
    ['the stage unset', { STAGE: undefined }],
    ['the stage prod', { STAGE: 'prod' }],
    ['an unknown stage', { STAGE: 'staging' }],
    ['the test stage without LINLI_DEV_AUTH', { LINLI_DEV_AUTH: undefined }],
    ['LINLI_DEV_AUTH on in prod', { STAGE: 'prod', LINLI_DEV_AUTH: 'on' }],
  ])('with %s the demo login and the demo user list do not exist', async (_name, env) => {
    await withEnv(env, async () => {
      expect((await request('POST', '/auth/dev-login', { body: { userId: 'u-res-wang' } })).status).toBe(404);
      expect((await request('GET', '/auth/dev-users')).status).toBe(404);
    });
  });

  test.each([
    ['the stage unset and no secret', { STAGE: undefined, JWT_SECRET: undefined }],
    ['prod and no secret', { STAGE: 'prod', JWT_SECRET: undefined }],
    ['prod and a short secret', { STAGE: 'prod', JWT_SECRET: 'too-short-to-be-a-secret' }],
    ['the test stage without LINLI_DEV_AUTH and no secret', { LINLI_DEV_AUTH: undefined, JWT_SECRET: undefined }],
  ])('with %s no token is accepted and the answer is a logged 500, not a 401 sign-in loop', async (_name, env) => {
    const token = await tokenOf('u-res-li');
    await withEnv(env, async () => {
      const res = await request('GET', '/me', { token });
      expect(res.status).toBe(500);
      expect(ErrorBody.parse(res.body).error).toMatchObject({ code: 'INTERNAL', requestId: res.requestId });
      expect(res.text).not.toContain('JWT_SECRET'); // the cause is logged, not shown
      // Logged as the server's fault, under the request id the body gives, with the configuration error as its cause.
      const line = logs.lines().find((l) => l.message === 'request failed' && l.requestId === res.requestId);
      expect(line).toMatchObject({ level: 'ERROR', code: 'INTERNAL', route: 'GET /me' });
      expect(JSON.stringify(line!.error)).toContain('JWT_SECRET must be set');
    });
  });

  test('a token signed with the public development secret is refused by a production stack', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-admin')
      .setIssuer('linli')
      .setAudience('linli-prod')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(DEVELOPMENT_SECRET));
    await withEnv({ STAGE: 'prod', JWT_SECRET: 'a-real-production-secret-of-enough-length' }, async () => {
      expect((await request('GET', '/me', { token: forged })).status).toBe(401);
    });
    // Even with no secret configured, prod never falls back to the development one.
    await withEnv({ STAGE: 'prod', JWT_SECRET: undefined }, async () => {
      expect((await request('GET', '/me', { token: forged })).status).toBe(500);
    });
  });
});

describe('the functions answer browsers from the configured origins only', () => {
  const get = (origin: string) => request('GET', '/health', { headers: { origin } });

  test('a listed origin is echoed, another origin gets no CORS header', async () => {
    await withEnv({ CORS_ORIGINS: 'https://linli.example,http://localhost:10086' }, async () => {
      expect((await get('https://linli.example')).headers['access-control-allow-origin']).toBe('https://linli.example');
      expect((await get('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
      expect((await get('https://linli.example')).headers.vary).toContain('Origin');
    });
  });

  test("'*' is honoured in the development stages and ignored in any other", async () => {
    await withEnv({ CORS_ORIGINS: '*' }, async () => {
      expect((await get('https://anyone.example')).headers['access-control-allow-origin']).toBe('*');
    });
    await withEnv({ CORS_ORIGINS: '*', STAGE: 'prod', JWT_SECRET: 'a-real-production-secret-of-enough-length' }, async () => {
      expect((await get('https://anyone.example')).headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

/** `serverless package` as a deploy would run it, with dummy credentials, into a temporary folder. */
function packageStack(args: string[], env: Record<string, string | undefined>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-package-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', ...env };
  for (const key of [
    'STAGE',
    'LINLI_DEV_AUTH',
    'CORS_ORIGINS',
    'JWT_SECRET',
    'WECHAT_API_BASE',
    'LINLI_TABLE_NAME',
    'TABLE_NAME',
    'DYNAMODB_ENDPOINT',
  ]) {
    if (!(key in env)) delete childEnv[key];
  }
  const run = spawnSync(process.execPath, [serverlessBin(), 'package', '--package', dir, ...args], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    timeout: 240_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  let template: any = null;
  try {
    template = JSON.parse(readFileSync(path.join(dir, 'cloudformation-template-update-stack.json'), 'utf8'));
  } catch {
    // not written: the package step failed
  }
  rmSync(dir, { recursive: true, force: true });
  return { status: run.status, output, template };
}

describe('a deploy without --stage is never an open stack', () => {
  test('without a real JWT_SECRET the package step stops with a clear message', () => {
    const run = packageStack([], {});
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('Stage "prod" needs JWT_SECRET');
    expect(run.template).toBeNull();
  }, 240_000);

  test('a WeChat address other than WeChat’s own (the local stand-in, left in the shell) stops the package step', () => {
    const run = packageStack([], { JWT_SECRET: 'a-real-production-secret-of-enough-length', WECHAT_API_BASE: 'http://127.0.0.1:3004' });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('must sign in through WeChat itself');
    expect(run.template).toBeNull();
  }, 240_000);

  test('with one, the stack is production-like: stage prod, no dev sign-in, CORS only for the listed origin', () => {
    const run = packageStack([], { JWT_SECRET: 'a-real-production-secret-of-enough-length', CORS_ORIGINS: 'https://linli.example,*' });
    expect(run.status).toBe(0);
    const functions = Object.values(run.template.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Function') as any[];
    expect(functions.length).toBeGreaterThan(20);
    for (const fn of functions) {
      const env = fn.Properties.Environment.Variables;
      expect(env.STAGE).toBe('prod');
      expect(env).not.toHaveProperty('LINLI_DEV_AUTH');
      expect(env.CORS_ORIGINS).toBe('https://linli.example');
    }
    const api = Object.values(run.template.Resources).find((r: any) => r.Type === 'AWS::ApiGatewayV2::Api') as any;
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual(['https://linli.example']);
    for (const fn of functions) expect(fn.Properties.Environment.Variables.WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
    const stage = Object.values(run.template.Resources).find((r: any) => r.Type === 'AWS::ApiGatewayV2::Stage') as any;
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 500, ThrottlingRateLimit: 200 });
    expect(stage.Properties.RouteSettings['POST /auth/wechat']).toEqual({ ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20 });
  }, 240_000);
});
