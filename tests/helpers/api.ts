import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { matchRoute, routesFromServerlessYml } from '../../scripts/serverless-routes';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed or oversized bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
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

const lambdaContext = (functionName: string): Context =>
  ({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

/**
 * Sends a request through the real handler and its middy stack as API Gateway's HTTP API (payload 2.0)
 * would: lower-case headers, the route key, path parameters, a string body.
 */
export async function request<T = any>(method: string, url: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const [rawPath, rawQueryString = ''] = url.split('?');
  const query = { ...Object.fromEntries(new URLSearchParams(rawQueryString)), ...opts.query };
  const matched = matchRoute(routes, method, rawPath);
  if (!matched) return { status: 404, body: { message: 'Not Found' } as T, headers: {}, text: '{"message":"Not Found"}' };
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    host: 'api.linli.test',
    'user-agent': 'linli-tests',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${method} ${matched.route.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: matched.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'linli-test',
      domainName: 'api.linli.test',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'linli-tests' },
      requestId: randomUUID(),
      routeKey: `${method} ${matched.route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
  const result = await handlerFor(matched.route.handler)(event, lambdaContext(matched.route.functionName));
  const text = typeof result.body === 'string' ? result.body : '';
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const outHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode ?? 200, body: parsed as T, headers: outHeaders, text };
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
  };
}
