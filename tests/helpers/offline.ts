import { freePort, startLocalApi } from '../../scripts/processes';

export interface Offline {
  baseUrl: string;
  lambdaUrl: string;
  stop(): Promise<void>;
}

/**
 * The real `serverless offline` on loopback, over this test file's table in DynamoDB Local, configured
 * as `npm start` runs it (in-process runner, dev sign-in switched on). `env` overrides the environment
 * the functions see, to try other configurations (undefined: unset).
 */
export async function startOffline(opts: { httpPortOverride?: string; env?: Record<string, string | undefined> } = {}): Promise<Offline> {
  const httpPort = opts.httpPortOverride ? Number(opts.httpPortOverride) : await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LINLI_TABLE_NAME: process.env.TABLE_NAME!, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const api = await startLocalApi({ stage: 'test', httpPort, env });
  return { baseUrl: api.baseUrl, lambdaUrl: api.lambdaUrl, stop: api.stop };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A fetch that keeps the raw text, so a test can see a 2xx that carries an error. */
export async function call(
  baseUrl: string,
  method: string,
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, body };
}
