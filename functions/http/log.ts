import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';
import { logLevel } from '../config';

/**
 * The one logger: one JSON line per entry with the Lambda context (request id, cold start, function), in the
 * shape Powertools' logger writes (level, message, timestamp, service, function_request_id, cold_start, …), so
 * CloudWatch queries read it alike. Written here because Powertools' logger alone added about 5 ms to every cold
 * start. Never pass it a body, a token, a phone number or a WeChat session.
 */
const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 } as const;
type Level = keyof typeof LEVELS;
const threshold = LEVELS[logLevel().toUpperCase() as Level] ?? LEVELS.INFO;

type Keys = Record<string, unknown>;
/**
 * The keys of the invocation being served. Locally, serverless-offline's in-process runner and the tests run many
 * invocations at once in one process, as Lambda's multi-concurrency environments do: each runs in its own store
 * (perInvocation), so one request's id or user cannot reach another's lines.
 */
const invocation = new AsyncLocalStorage<Keys>();
/** Outside any invocation (module load, a script): the keys go here. */
const outside: Keys = {};
const keys = (): Keys => invocation.getStore() ?? outside;
let coldStart = true;

/**
 * An Error as Powertools writes one (its name, where it was thrown, its message and stack, its cause), with what an
 * operator needs to find it at AWS: its `code`, the SDK's `$metadata` (the DynamoDB request id) and, for a refused
 * transaction, only the reasons' codes (their items may hold a resident's phone number).
 */
function errorJson(e: Error, depth = 0): Keys {
  const location =
    /\(([^()]*):(\d+):\d+\)$/
      .exec(e.stack?.split('\n')[1] ?? '')
      ?.slice(1, 3)
      .join(':') ?? '';
  const more = e as Error & { code?: unknown; $metadata?: unknown; CancellationReasons?: { Code?: string }[] };
  // A cause that is not an Error may be anything (an item read): only its kind is written.
  const cause =
    e.cause instanceof Error ? (depth < 5 ? errorJson(e.cause, depth + 1) : e.cause.message) : e.cause == null ? undefined : typeof e.cause;
  return {
    name: e.name,
    location,
    message: e.message,
    stack: e.stack,
    ...(more.code !== undefined ? { code: more.code } : {}),
    ...(more.$metadata !== undefined ? { $metadata: more.$metadata } : {}),
    ...(Array.isArray(more.CancellationReasons) ? { cancellationCodes: more.CancellationReasons.map((r) => r?.Code) } : {}),
    ...(cause !== undefined ? { cause } : {}),
  };
}

function write(level: Level, message: string, details: Keys = {}): void {
  if (LEVELS[level] < threshold) return;
  const fields = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, v instanceof Error ? errorJson(v) : v]));
  const entry = { level, message, timestamp: new Date().toISOString(), service: 'linli', ...keys(), ...fields };
  (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(`${stringify(entry)}\n`);
}

/** A log call never throws: a value JSON cannot hold (a cycle, a BigInt) is written as a note instead. */
function stringify(entry: Keys): string {
  try {
    return JSON.stringify(entry);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(entry, (_, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
  }
}

export const logger = {
  debug: (message: string, details?: Keys) => write('DEBUG', message, details),
  info: (message: string, details?: Keys) => write('INFO', message, details),
  warn: (message: string, details?: Keys) => write('WARN', message, details),
  error: (message: string, details?: Keys) => write('ERROR', message, details),
  /** Keys for the rest of this invocation's lines (the user, once authenticated). */
  appendKeys: (more: Keys): void => void Object.assign(keys(), more),
};

/** The X-Ray trace's root, as Powertools wrote it (`xray_trace_id`), when Lambda passes one. */
function traceId(): Keys {
  const header = process.env._X_AMZN_TRACE_ID;
  if (!header) return {};
  return { xray_trace_id: /Root=([^;]+)/.exec(header)?.[1] ?? header };
}

type Invoke<E, C, R> = (event: E, context: C) => Promise<R>;

/**
 * Runs each invocation with its own log keys: the Lambda context's, fresh (nothing appended by an earlier one).
 * `cold_start` is true for the first invocation this container serves.
 */
export function perInvocation<E, C extends Context, R>(handler: Invoke<E, C, R>): Invoke<E, C, R> {
  return (event, context) => {
    const own: Keys = {
      cold_start: coldStart,
      function_name: context.functionName,
      function_memory_size: Number(context.memoryLimitInMB) || undefined,
      function_arn: context.invokedFunctionArn,
      function_request_id: context.awsRequestId,
      ...traceId(),
    };
    coldStart = false;
    return invocation.run(own, () => handler(event, context));
  };
}
