import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { logLevel } from '../config';

/**
 * The one logger: Powertools' structured JSON lines with the Lambda context (request id, cold start).
 * Never pass it a body, a token, a phone number or a WeChat session.
 */
export const logger = new Logger({ serviceName: 'linli', logLevel: logLevel().toUpperCase() as 'INFO' });

type Invoke<E, C, R> = (event: E, context: C) => Promise<R>;

/**
 * The per-invocation store that Lambda's runtime provides when it runs invocations concurrently
 * (AWS_LAMBDA_MAX_CONCURRENCY); Powertools keeps the request's log context in it.
 */
class ConcurrentInvokeStore extends InvokeStoreBase {
  private readonly als = new AsyncLocalStorage<Record<string | symbol, unknown>>();
  getContext = () => this.als.getStore();
  hasContext = () => this.als.getStore() !== undefined;
  get = <T = unknown>(key: string | symbol) => this.als.getStore()?.[key] as T | undefined;
  set = <T = unknown>(key: string | symbol, value: T) => {
    const store = this.als.getStore();
    if (!store || this.isProtectedKey(key)) throw new Error(`cannot set ${String(key)} outside an invocation`);
    store[key] = value;
  };
  run = <T>(context: Record<string | symbol, unknown>, fn: () => T): T => this.als.run(context, fn);
}

const store = new ConcurrentInvokeStore();

/**
 * Locally, serverless-offline's in-process runner and the tests run many invocations at once in one
 * process, as Lambda's multi-concurrency environments do. There (AWS_LAMBDA_MAX_CONCURRENCY set) each
 * invocation runs in its own store context, so the logger's per-request state (request id, user id)
 * cannot leak between concurrent requests. In a classic Lambda, one request at a time, it passes through.
 */
export function perInvocation<E, C extends { awsRequestId: string }, R>(handler: Invoke<E, C, R>): Invoke<E, C, R> {
  return async (event, context) => {
    if (process.env.AWS_LAMBDA_MAX_CONCURRENCY === undefined) return handler(event, context);
    // The logger looks for the store where Lambda's runtime puts it. serverless-offline replaces
    // globalThis.awslambda each time it loads a function, so it is put back on every invocation.
    const global = globalThis as { awslambda?: { InvokeStore?: unknown } };
    global.awslambda ??= {};
    global.awslambda.InvokeStore = store;
    if (store.hasContext()) return handler(event, context);
    return store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () => handler(event, context));
  };
}
