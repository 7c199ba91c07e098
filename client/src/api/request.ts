import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { ErrorCode, ErrorIssue } from '@shared/errors';
import { ErrorBody } from '@shared/schemas/common';
import { FIELD_NAMES, MESSAGES, retryIn } from './messages';
import { session } from './session';

/** NETWORK: no answer. BAD_RESPONSE: an answer that is not the shape of its route (never rendered). */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
  }
}

/** What to tell the user when a call failed: the API's reason in Chinese, or `fallback` when there is none (a bug, not an answer). */
export const errorText = (e: unknown, fallback: string): string => (e instanceof ApiError ? e.message : fallback);

/** Set at build time; a test or a developer may point a built H5 at another API through storage. */
const apiBase = (): string => Taro.getStorageSync('linli.apiBase') || LINLI_API_BASE;

const fieldOf = (issue: ErrorIssue) => FIELD_NAMES[issue.path.split('.').at(-1) ?? ''] ?? '';

/** A random key for a create: the same key across retries makes the server return the first result. */
export const newIdempotencyKey = (): string =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}-${Math.random().toString(36).slice(2, 12)}`;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
  idempotencyKey?: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return found ? String(found[1]) : undefined;
}

/** The error an answer that is not 2xx stands for, in words a resident understands. */
function errorOf(status: number, data: unknown, headers: Record<string, unknown> | undefined, path: string): ApiError {
  const parsed = ErrorBody.safeParse(data);
  const error = parsed.success ? parsed.data.error : null;
  const known = error && error.code in MESSAGES ? (error.code as ClientErrorCode) : null;
  const code: ClientErrorCode = known ?? (status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE');
  // Only the first of several requests refused at once signs out: a second reLaunch would stack another sign-in page.
  if (status === 401 && code === 'UNAUTHENTICATED' && path !== '/auth/wechat') session.expire();
  const issues = error?.issues ?? [];
  const fields = code === 'VALIDATION_FAILED' ? [...new Set(issues.map(fieldOf).filter(Boolean))] : [];
  const wait = code === 'RATE_LIMITED' ? retryIn(Number(headerOf(headers, 'retry-after'))) : '';
  return new ApiError(code, `${MESSAGES[code]}${fields.length ? `:${fields.join('、')}` : ''}${wait}`, status, issues);
}

/**
 * The one way the app talks to the API: base URL, token, idempotency, errors as ApiError in Chinese,
 * and every answer parsed with the shared schema of its route, so a page never renders a shape it did
 * not ask for (an answer that does not fit is an error the page shows, with a retry).
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  const query = Object.entries(opts.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
  const url = `${apiBase()}${path}${query.length ? `?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''}`;
  const token = session.token();
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url,
      // PATCH is sent as is by both wx.request and fetch, though WeChat's typings do not list it.
      method: method as 'PUT',
      data: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(opts.body ?? {}),
      header: {
        ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
      },
      dataType: 'json',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError('NETWORK', MESSAGES.NETWORK, 0);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorOf(res.statusCode, res.data, res.header, path);
  return parseAnswer(schema, res.data, res.statusCode);
}

/** A successful answer as the shape its route promises, or BAD_RESPONSE (never rendered). */
export function parseAnswer<S extends z.ZodType>(schema: S, data: unknown, status: number): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', MESSAGES.BAD_RESPONSE, status);
  return parsed.data;
}
