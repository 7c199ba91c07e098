import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from './processes';
import { LOCAL_AWS_ENV, startLocalDynamo } from './local-dynamodb';
import { LOCAL_RUNNER_ENV } from './local-env';

/**
 * `npm run bench` (booking part): 20 concurrent clients book through the whole handler stack (middy,
 * auth, validation, the booking service) on DynamoDB Local, beside the same number of raw
 * TransactWriteItems of the same items through the SDK alone in the same run: the floor. Prints
 * bookings per second, p50/p99 and the ratio to the floor (target ≤ 1.5), and the write capacity each
 * booking's transaction consumed (ReturnConsumedCapacity).
 */
const CLIENTS = 20;
const SLOTS = 10;
const RATIO_TARGET = 1.5;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Runs `jobs` with `CLIENTS` workers, each taking the next job; returns each job's latency in ms and the wall time. */
async function run(jobs: (() => Promise<void>)[]): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const t = performance.now();
        await job();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const dynamo = await startLocalDynamo({ port: await freePort() });
  Object.assign(process.env, LOCAL_AWS_ENV, LOCAL_RUNNER_ENV, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: `bench-${randomUUID().slice(0, 8)}`,
    STAGE: 'test',
    LOG_LEVEL: 'SILENT',
    JWT_SECRET: 'a-bench-secret-that-is-long-enough-for-hs256',
    LIMIT_WRITES_PER_MINUTE: '100000',
  });
  try {
    // Loaded only now, so every module sees the bench's table and endpoint.
    const { ensureTable } = await import('./table');
    const { localClient } = await import('./local-dynamodb');
    const { seedDemoData } = await import('./seed');
    const { request, tokenOf } = await import('../tests/helpers/api');
    const { addResidents } = await import('../tests/helpers/people');
    const { testService, slotIn, DAY_MS } = await import('../tests/helpers/booking');
    const { db } = await import('../functions/data/db');
    const { capacityUsed } = await import('../functions/data/capacity');
    const { getBookingById } = await import('../functions/data/booking/bookings');
    const { bookingPut } = await import('../functions/data/booking/bookings');
    const { slotUpdate } = await import('../functions/data/booking/slots');
    const { quotaUpdate } = await import('../functions/data/booking/quotas');
    const { idempotencyPut } = await import('../functions/data/idempotency');
    const { beijingMonth } = await import('../shared/domain/beijing-time');

    await ensureTable(localClient(dynamo.endpoint), process.env.TABLE_NAME!);
    await seedDemoData();
    const service = await testService({ seatsPerSlot: 100, reservedPercent: 0, quota: { active: 20, perMonth: 100 } });
    const slots: Awaited<ReturnType<typeof slotIn>>[] = [];
    for (let i = 0; i < SLOTS; i++) slots.push(await slotIn(service, 3 * DAY_MS + i * 60 * 60_000, 100));
    const residents = await addResidents(CLIENTS, 'bench');
    const tokens = await Promise.all(residents.map(tokenOf));

    // Warm both paths once (module loading, connections), outside the measured runs.
    await request('POST', '/bookings', {
      token: tokens[0],
      body: { slotId: slots[0].id },
      headers: { 'Idempotency-Key': 'bench-warm-0001' },
    });
    const template = (await getBookingById(`${slots[0].id}.${residents[0]}`))!;

    const before = capacityUsed();
    const handlerJobs = residents.flatMap((_r, ri) =>
      slots.slice(ri === 0 ? 1 : 0).map((s) => async () => {
        const res = await request('POST', '/bookings', {
          token: tokens[ri],
          body: { slotId: s.id },
          headers: { 'Idempotency-Key': `bench-${ri}-${s.id}` },
        });
        if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${res.text}`);
      }),
    );
    const handler = await run(handlerJobs);
    const after = capacityUsed();

    // The floor: the same four items (slot counter under its condition, the booking, the quota, the key;
    // a resident booking for themselves is not notified of their own tap) through the SDK alone.
    const floorSlots: Awaited<ReturnType<typeof slotIn>>[] = [];
    for (let i = 0; i < SLOTS; i++) floorSlots.push(await slotIn(service, 4 * DAY_MS + i * 60 * 60_000, 100));
    let floorUnits = 0;
    const floorJobs = residents.flatMap((r, ri) =>
      floorSlots.slice(ri === 0 ? 1 : 0).map((s) => async () => {
        const booking = { ...template, id: `${s.id}.${r}`, slotId: s.id, residentId: r, start: s.start, end: s.end, version: 1 };
        const out = await db().send(
          new TransactWriteCommand({
            ReturnConsumedCapacity: 'TOTAL',
            TransactItems: [
              slotUpdate(
                s.id,
                { booked: 1, selfBooked: 1, waiting: 0, applicants: 0, checkedIn: 0, waitJoins: 0, waitVersion: 0 },
                { open: true, phases: ['none', 'drawn'], seat: 'all' },
                new Date().toISOString(),
              ),
              bookingPut(booking, null),
              quotaUpdate(r, service.id, beijingMonth(Date.parse(s.start)), { active: 1, month: 1 }, { active: 20, perMonth: 100 })!,
              idempotencyPut(r, `floor-${ri}-${s.id}`, 'hash', booking.id, new Date()),
            ],
          }),
        );
        for (const c of out.ConsumedCapacity ?? []) floorUnits += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
      }),
    );
    const floor = await run(floorJobs);

    const rate = (r: { latencies: number[]; seconds: number }) => r.latencies.length / r.seconds;
    const ratio = rate(floor) / rate(handler);
    const bookings = handlerJobs.length;
    console.log(`\nbooking: ${CLIENTS} concurrent clients, ${bookings} bookings each way, DynamoDB Local`);
    console.log(['path'.padEnd(34), 'bookings/s', 'p50 ms', 'p99 ms'].join('  '));
    for (const [name, r] of [
      ['handler stack (POST /bookings)', handler],
      ['floor: raw TransactWriteItems', floor],
    ] as const) {
      console.log(
        [
          name.padEnd(34),
          rate(r).toFixed(1).padStart(10),
          pct(r.latencies, 50).toFixed(1).padStart(6),
          pct(r.latencies, 99).toFixed(1).padStart(6),
        ].join('  '),
      );
    }
    console.log(`throughput ratio floor/handler: ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}) ${ratio <= RATIO_TARGET ? 'ok' : 'OVER'}`);
    const perBooking = (after.writeUnits - before.writeUnits) / Math.max(1, after.transactions - before.transactions);
    console.log(
      `write capacity per booking: handler ${perBooking.toFixed(1)} WCU, floor ${(floorUnits / floorJobs.length).toFixed(1)} WCU`,
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
