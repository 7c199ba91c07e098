import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/**
 * Write capacity the booking transactions of this process consumed (ReturnConsumedCapacity), for the
 * benchmark's "capacity per booking" and for anyone reading a process's figures while it runs.
 */
const used = { transactions: 0, writeUnits: 0 };

export function recordCapacity(consumed: ConsumedCapacity[] | undefined): void {
  used.transactions++;
  for (const c of consumed ?? []) used.writeUnits += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
}

export const capacityUsed = (): Readonly<typeof used> => ({ ...used });
