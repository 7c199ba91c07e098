import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { matchRoute, routesFromServerlessYml } from '../../scripts/serverless-routes';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
  text: string;
  /** The Lambda request id the call ran under, as the logs show it. */
  requestId: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed or oversized bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** The caller's address as API Gateway reports it (default 127.0.0.1). */
  sourceIp?: string;
}

const routes = routesFromServerlessYml();
const handlers = new Map<string, LambdaHandler>();

function handlerFor(handlerPath: string): LambdaHandler {
  let fn = handlers.get(handlerPath);
  if (!fn) {
    const dot = handlerPath.lastIndexOf('.');
    const mod = require(path.resolve(__dirname, '../..', handlerPath.slice(0, dot))) as Record<string, LambdaHandler>;
    fn = mod[handlerPath.slice(dot + 1)];
    handlers.set(handlerPath, fn);
  }
  return fn;
}

const lambdaContext = (functionName: string, requestId: string, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } as Context;
};

export interface InvokeOptions extends RequestOptions {
  /** The route key as API Gateway sends it, e.g. `GET /wishes/{id}`. */
  routeKey?: string;
  pathParameters?: Record<string, string>;
  /** The function's timeout, as Lambda's context reports it (the route's in serverless.yml, unless said). */
  timeoutMs?: number;
}

/**
 * Sends one request through a handler and its middy stack as API Gateway's HTTP API (payload 2.0)
 * would: lower-case headers, the route key, path parameters, a string body, a Lambda context.
 */
export async function invoke<T = any>(
  handler: LambdaHandler,
  method: string,
  url: string,
  opts: InvokeOptions = {},
): Promise<ApiResponse<T>> {
  const [rawPath, rawQueryString = ''] = url.split('?');
  const query = { ...Object.fromEntries(new URLSearchParams(rawQueryString)), ...opts.query };
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    host: 'api.linli.test',
    'user-agent': 'linli-tests',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const now = new Date();
  const routeKey = opts.routeKey ?? `${method} ${rawPath}`;
  const requestId = randomUUID();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: opts.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'linli-test',
      domainName: 'api.linli.test',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: opts.sourceIp ?? '127.0.0.1', userAgent: 'linli-tests' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
  const result = await handler(event, lambdaContext(routeKey.replace(/\W+/g, '-'), requestId, opts.timeoutMs ?? 10_000));
  const text = typeof result.body === 'string' ? result.body : '';
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const outHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode ?? 200, body: parsed as T, headers: outHeaders, text, requestId };
}

/** A request to a route of serverless.yml, routed the way API Gateway routes it. */
export async function request<T = any>(method: string, url: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const rawPath = url.split('?')[0];
  const matched = matchRoute(routes, method, rawPath);
  if (!matched) return { status: 404, body: { message: 'Not Found' } as T, headers: {}, text: '{"message":"Not Found"}', requestId: '' };
  return invoke<T>(handlerFor(matched.route.handler), method, url, {
    ...opts,
    routeKey: `${method} ${matched.route.path}`,
    pathParameters: matched.pathParameters,
    timeoutMs: matched.route.timeoutSeconds * 1000,
  });
}

const tokens = new Map<string, string>();

/** A demo user's token, from the real dev-login route. */
export async function tokenOf(userId: string): Promise<string> {
  let token = tokens.get(userId);
  if (!token) {
    const res = await request('POST', '/auth/dev-login', { body: { userId } });
    if (res.status !== 200) throw new Error(`dev-login ${userId} answered ${res.status}: ${res.text}`);
    token = res.body.token as string;
    tokens.set(userId, token);
  }
  return token;
}

/** A client signed in as one demo user. */
export function as(userId: string) {
  const send = async <T = any>(method: string, url: string, opts: Omit<RequestOptions, 'token'> = {}) =>
    request<T>(method, url, { ...opts, token: await tokenOf(userId) });
  return {
    get: <T = any>(url: string, opts?: Omit<RequestOptions, 'token' | 'body'>) => send<T>('GET', url, opts),
    post: <T = any>(url: string, body?: unknown, opts?: Omit<RequestOptions, 'token' | 'body'>) => send<T>('POST', url, { ...opts, body }),
    patch: <T = any>(url: string, body?: unknown, opts?: Omit<RequestOptions, 'token' | 'body'>) =>
      send<T>('PATCH', url, { ...opts, body }),
    put: <T = any>(url: string, body?: unknown, opts?: Omit<RequestOptions, 'token' | 'body'>) => send<T>('PUT', url, { ...opts, body }),
    delete: <T = any>(url: string, opts?: Omit<RequestOptions, 'token' | 'body'>) => send<T>('DELETE', url, opts),
  };
}
