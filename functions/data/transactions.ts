/** Reading the reasons DynamoDB gives when it cancels a TransactWriteItems. */
interface Cancelled {
  name: 'TransactionCanceledException';
  CancellationReasons?: { Code?: string }[];
}

export const isCancelled = (error: unknown): error is Cancelled =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TransactionCanceledException';

/** One code per item of the transaction, in order: 'None', 'ConditionalCheckFailed', 'TransactionConflict'… */
export const cancellationCodes = (error: Cancelled): string[] =>
  (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A short random pause before retrying a conflicting transaction, so retries do not collide again. */
export const jitter = (attempt: number) => sleep(Math.random() * 20 * (attempt + 1));
