import { randomUUID } from 'node:crypto';
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * What the write benches (bench-booking.ts, bench-wishes.ts) share: the bench's environment, runs of jobs by
 * concurrent clients with the capacity and calls each run consumed, the raw-transaction floor, and the table
 * that puts the handler stack beside that floor.
 */
export const RATIO_TARGET = 1.5;

export type Items = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

export interface Run {
  latencies: number[];
  seconds: number;
  units: { read: number; write: number };
  /** DynamoDB calls made during the run, by command. */
  calls: Map<string, number>;
}

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rate = (r: Run) => r.latencies.length / r.seconds;

/** The environment every bench's stack runs in: its own table on `endpoint`, quiet logs, a write limit out of the way. */
export const benchEnv = (endpoint: string) => ({
  DYNAMODB_ENDPOINT: endpoint,
  TABLE_NAME: `bench-${randomUUID().slice(0, 8)}`,
  STAGE: 'test',
  LOG_LEVEL: 'SILENT',
  JWT_SECRET: 'a-bench-secret-that-is-long-enough-for-hs256',
  LIMIT_WRITES_PER_MINUTE: '100000',
});

/**
 * Once the environment is set: `run(jobs)` runs jobs with `clients` workers, each taking the next job, and
 * returns each job's latency, the wall time, and the capacity and calls of every DynamoDB call made while the
 * run measures (not those made building the next run); `transactRaw(items)` is one TransactWriteItems through
 * the SDK alone, sent again after a collision with the handler's backoff.
 */
export async function measurer(clients: number) {
  const { aroundDb } = await import('../../tests/helpers/db-calls');
  const { db } = await import('../../functions/data/db');
  const { backoffMs } = await import('../../functions/data/retry');
  const { isCancelled } = await import('../../functions/data/transactions');
  const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');

  let measuring = false;
  let units = { read: 0, write: 0 };
  let calls = new Map<string, number>();
  const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);
  aroundDb(async (call, next) => {
    call.input.ReturnConsumedCapacity ??= 'TOTAL';
    const counting = measuring;
    if (counting) calls.set(call.command, (calls.get(call.command) ?? 0) + 1);
    const out = await next();
    if (!counting) return out;
    const consumed = out?.output?.ConsumedCapacity;
    for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      units.read += c.ReadCapacityUnits ?? (READS.has(call.command) ? (c.CapacityUnits ?? 0) : 0);
      units.write += c.WriteCapacityUnits ?? (READS.has(call.command) ? 0 : (c.CapacityUnits ?? 0));
    }
    return out;
  });

  async function run(jobs: (() => Promise<void>)[]): Promise<Run> {
    const latencies: number[] = [];
    let next = 0;
    units = { read: 0, write: 0 };
    calls = new Map();
    measuring = true;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const t = performance.now();
          await job();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    measuring = false;
    return { latencies, seconds, units, calls };
  }

  async function transactRaw(items: Items): Promise<void> {
    for (let n = 0; ; n++) {
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!isCancelled(error) || n > 200) throw error;
        await new Promise((r) => setTimeout(r, backoffMs(n)));
      }
    }
  }

  return { run, transactRaw };
}

/** The handler stack beside its floor: operations per second, p50/p99, capacity and calls per operation, the ratio. */
export function printComparison(
  title: string,
  unit: string,
  clients: number,
  [handlerPath, handler]: readonly [string, Run],
  [floorPath, floor]: readonly [string, Run],
): void {
  console.log(`\n${title}: ${clients} concurrent clients, ${handler.latencies.length} each way, DynamoDB Local`);
  console.log(['path'.padEnd(44), `${unit}/s`.padStart(12), 'p50 ms', 'p99 ms', 'RCU/op', 'WCU/op', 'DynamoDB calls/op'].join('  '));
  for (const [name, r] of [
    [handlerPath, handler],
    [floorPath, floor],
  ] as const) {
    const n = r.latencies.length;
    console.log(
      [
        name.padEnd(44),
        rate(r).toFixed(1).padStart(12),
        pct(r.latencies, 50).toFixed(1).padStart(6),
        pct(r.latencies, 99).toFixed(1).padStart(6),
        (r.units.read / n).toFixed(1).padStart(6),
        (r.units.write / n).toFixed(1).padStart(6),
        [...r.calls].map(([c, k]) => `${c.replace(/Command$/, '')} ${(k / n).toFixed(2)}`).join(', '),
      ].join('  '),
    );
  }
  const ratio = rate(floor) / rate(handler);
  console.log(
    `${title} ratio floor/handler: ${ratio.toFixed(2)} in throughput, ${(pct(handler.latencies, 50) / pct(floor.latencies, 50)).toFixed(2)} at p50 (target ≤ ${RATIO_TARGET}) ${ratio <= RATIO_TARGET ? 'ok' : 'OVER'}`,
  );
}
