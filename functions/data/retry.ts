import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { AppError, type ErrorCode } from '../../shared/errors';
import { tableName } from '../config';
import { db } from './db';
import { cancellationCodes, isCancelled, isConditionFailed, isConflict, sleep } from './transactions';

/**
 * Thrown by an attempt to ask for another one when no DynamoDB error says so by itself: what it read
 * changed before it could write (a stale wish, a refused booking transaction), or a batch read left
 * keys unprocessed.
 */
export class TryAgain extends Error {}

/**
 * Whether an attempt lost a race that reading again settles: a single write's condition failed, a
 * transaction was cancelled only by conditions and collisions, a write met another transaction on its
 * item, or the attempt said so (TryAgain). Throttling, validation or a bug are never retried as races.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof TryAgain || isConditionFailed(error)) return true;
  if (isCancelled(error)) return isConflict(cancellationCodes(error));
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TransactionConflictException';
}

/** The budget ran out while every attempt lost its race: a typed answer, never a 500. */
export class RetriesSpent extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly attempts: number,
    readonly lastCause: unknown,
  ) {
    super(code, message);
  }
}

export interface RetryOptions {
  /** Time for all attempts (not a count): a crowd needs many short waits, a lone conflict one. Keep it well inside the function's timeout. */
  budgetMs?: number;
  /** The answer once the budget is spent. A race on one item is 409 CONCURRENT_CHANGE (reload and try again); a database that keeps keys unread is 503 UNAVAILABLE. */
  giveUp?: { code: ErrorCode; message: string };
  /** Whether to pause before the next attempt (default: always); an attempt that already knows its answer needs no pause. */
  pauseAfter?: (error: unknown) => boolean;
}

/**
 * A warning through the logger of functions/http/log.ts, required when first needed rather than with the
 * data layer: the logger takes its level when it is loaded, and the tests that read the log set it first.
 * (A dynamic import() would not do: serverless-offline runs these sources as CommonJS through tsx.)
 */
export function warn(message: string, details: Record<string, unknown>): void {
  (require('../http/log') as typeof import('../http/log')).logger.warn(message, details);
}

export const DEFAULT_BUDGET_MS = 4_000;
const BASE_MS = 10;
const CAP_MS = 320;

/** Exponential backoff with full jitter: racers spread out instead of colliding again together. */
export const backoffMs = (attempt: number, random = Math.random) => random() * Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt, 10));

/**
 * The one way to retry an optimistic write. `attempt` reads, decides and writes; if it loses a race
 * (isLostRace), it runs again after a backoff, until it succeeds, throws anything else, or the time
 * budget is spent: then the cause is logged and a RetriesSpent (an AppError) is thrown. `what` names the
 * write in the log.
 */
export async function optimistic<T>(what: string, attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      const elapsed = Date.now() - started;
      if (elapsed >= budget) {
        const { code, message } = options.giveUp ?? {
          code: 'CONCURRENT_CHANGE' as const,
          message: `${what}: it kept changing meanwhile; reload and try again`,
        };
        warn('optimistic write gave up', {
          what,
          attempts: n + 1,
          elapsedMs: elapsed,
          code,
          error: error instanceof Error ? error : String(error),
        });
        throw new RetriesSpent(code, message, n + 1, error);
      }
      // The last pause ends with the budget, so the last attempt still comes.
      const pause = (options.pauseAfter?.(error) ?? true) ? Math.min(backoffMs(n), budget - elapsed) : 0;
      if (pause > 0) await sleep(pause);
    }
  }
}

type Key = Record<string, unknown>;

/**
 * A consistent BatchGetItem of at most 100 keys that asks again, through `optimistic`, for the keys
 * DynamoDB leaves unprocessed under load; a database that keeps leaving them is a 503. Items in no order.
 */
export async function batchGetAll(keys: readonly Key[]): Promise<Key[]> {
  const found: Key[] = [];
  let pending = [...keys];
  if (!pending.length) return found;
  await optimistic(
    'read a batch',
    async () => {
      const out: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[tableName()] ?? []));
      pending = out.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      if (pending.length) throw new TryAgain(`${pending.length} key(s) left unprocessed`);
    },
    { giveUp: { code: 'UNAVAILABLE', message: 'the database is busy; try again shortly' } },
  );
  return found;
}
