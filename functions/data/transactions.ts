import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AppError } from '../../shared/errors';

/** One item of a TransactWriteItems, as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Reading the reasons DynamoDB gives when it cancels a TransactWriteItems. */
interface Cancelled {
  name: 'TransactionCanceledException';
  /** With ReturnValuesOnConditionCheckFailure ALL_OLD, a failed item comes back as it is (marshalled). */
  CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[];
}

export const isCancelled = (error: unknown): error is Cancelled =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TransactionCanceledException';

/** One code per item of the transaction, in order: 'None', 'ConditionalCheckFailed', 'TransactionConflict'… */
export const cancellationCodes = (error: Cancelled): string[] => (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');

/** The item a failed condition returned (ALL_OLD), unmarshalled, at a position of the transaction. */
export const cancelledItem = (error: Cancelled, index: number): Record<string, unknown> | undefined => {
  const item = error.CancellationReasons?.[index]?.Item;
  return item ? unmarshall(item) : undefined;
};

/** The item, asking DynamoDB to return what it found when its condition fails (ALL_OLD: read with cancelledItem). */
export function withOld<T extends TransactItem>(item: T): T {
  const [kind, body] = Object.entries(item)[0] as [string, Record<string, unknown>];
  return { [kind]: { ...body, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as T;
}

const CONFLICT = new Set(['ConditionalCheckFailed', 'TransactionConflict']);
const THROTTLED = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/**
 * Whether a cancellation is a race that a re-read can settle: every failed item failed its condition or
 * collided with another transaction. Anything else (throttling, a validation error, an item too large)
 * is not a stale read, and retrying it as one would end as a misleading 409 (`optimistic`, retry.ts).
 */
export const isConflict = (codes: readonly string[]): boolean =>
  codes.some((c) => c !== 'None') && codes.every((c) => c === 'None' || CONFLICT.has(c));

/** The error to answer for a cancellation that is not a conflict: throttling is a 503, the rest a logged 500. */
export function unexpectedCancellation(error: Cancelled): Error {
  const codes = cancellationCodes(error);
  if (codes.some((c) => THROTTLED.has(c))) return new AppError('UNAVAILABLE', 'the database is busy; try again shortly');
  return new Error(`transaction cancelled for a reason other than a conflict: ${codes.join(', ')}`, { cause: error });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A single conditional write (PutItem, UpdateItem) found its condition false. */
export const isConditionFailed = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
