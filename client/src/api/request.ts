import Taro from '@tarojs/taro';
import type { ErrorCode, ErrorIssue } from '@shared/errors';
import { FIELD_NAMES, MESSAGES } from './messages';
import { session } from './session';

export type ClientErrorCode = ErrorCode | 'NETWORK';

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

/** The one way the app talks to the API: base URL, token, idempotency, and errors as ApiError in Chinese. */
export async function request<T>(method: 'GET' | 'POST', path: string, opts: RequestOptions = {}): Promise<T> {
  const query = Object.entries(opts.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
  const url = `${apiBase()}${path}${query.length ? `?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''}`;
  const token = session.token();
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url,
      method,
      data: method === 'POST' ? JSON.stringify(opts.body ?? {}) : undefined,
      header: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
      },
      dataType: 'json',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError('NETWORK', MESSAGES.NETWORK, 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const error = (res.data as { error?: { code?: ClientErrorCode; issues?: ErrorIssue[] } } | null)?.error;
  const code: ClientErrorCode = error?.code && error.code in MESSAGES ? error.code : res.statusCode >= 500 ? 'UNAVAILABLE' : 'INTERNAL';
  if (res.statusCode === 401 && path !== '/auth/wechat') {
    session.clear();
    void Taro.reLaunch({ url: '/pages/login/index' });
  }
  const issues = error?.issues ?? [];
  const detail = code === 'VALIDATION_FAILED' && issues.length ? `:${[...new Set(issues.map(fieldOf).filter(Boolean))].join('、')}` : '';
  throw new ApiError(code, `${MESSAGES[code]}${detail}`, res.statusCode, issues);
}
