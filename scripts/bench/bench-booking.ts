import { freePort } from '../processes';
import { LOCAL_AWS_ENV, startLocalDynamo } from '../local-dynamodb';
import { LOCAL_RUNNER_ENV } from '../local-env';
import { benchEnv, measurer, printComparison } from './measure';

/**
 * `npm run bench` (booking part): 20 concurrent clients book, then join full slots' waiting lists, through
 * the whole handler stack (middy, auth, validation, the booking service) on DynamoDB Local, beside the same
 * number of raw DynamoDB calls of the same items through the SDK alone, at the same concurrency, in the same
 * run: the floor. A booking's floor is its one TransactWriteItems (the slot under its conditions, the
 * booking, the quota, the key, the write-limit counter, the resident's note and unread count); a join's is the waiting-list number (UpdateItem) and
 * its TransactWriteItems (with the entry), both retried on a collision as the handler is. Prints operations
 * per second, p50/p99, their ratio to the floor (target ≤ 1.5) and the read and write capacity each
 * operation consumed, every call counted (ReturnConsumedCapacity TOTAL; a refused transaction's units are
 * not reported by DynamoDB and are left out on both sides).
 *
 * Like a function's container in use, the stack has seen the slots (one booking each before the measured
 * runs) and the users (signed in); the user cache (5 s) expires and is read again during the run.
 */
const CLIENTS = 20;
const SLOTS = 10;
async function main(): Promise<void> {
  const dynamo = await startLocalDynamo({ port: await freePort() });
  Object.assign(process.env, LOCAL_AWS_ENV, LOCAL_RUNNER_ENV, {
    ...benchEnv(dynamo.endpoint),
  });
  try {
    // Loaded only now, so every module sees the bench's table and endpoint.
    const { ensureTable } = await import('../table');
    const { localClient } = await import('../local-dynamodb');
    const { seedDemoData } = await import('../seed');
    const { request, tokenOf } = await import('../../tests/helpers/api');
    const { addResidents } = await import('../../tests/helpers/people');
    const { testService, slotIn, DAY_MS } = await import('../../tests/helpers/booking');
    const { getUser } = await import('../../functions/data/users');
    const { getSlot } = await import('../../functions/data/booking/slots');
    const { planItems } = await import('../../functions/booking/commit');
    const { takeWaitNumber, joinedWaitKey, waitPut } = await import('../../functions/data/booking/waitlist');
    const { idempotencyPut } = await import('../../functions/data/idempotency');
    const { writeLimitItem } = await import('../../functions/data/rate-limits');
    const { newBooking } = await import('../../shared/domain/booking/view');
    const { bookingNotes } = await import('../../shared/domain/booking/notify');

    const { run, transactRaw } = await measurer(CLIENTS);

    await ensureTable(localClient(dynamo.endpoint), process.env.TABLE_NAME!);
    await seedDemoData();
    const quota = { active: 20, perMonth: 100 };
    const bookService = await testService({ seatsPerSlot: 100, reservedPercent: 0, quota });
    const waitService = await testService({ seatsPerSlot: 1, reservedPercent: 0, quota });
    const open = async (service: typeof bookService, fromMs: number, seats: number) => {
      const slots: Awaited<ReturnType<typeof slotIn>>[] = [];
      for (let i = 0; i < SLOTS; i++) slots.push(await slotIn(service, fromMs + i * 60 * 60_000, seats));
      return slots;
    };
    const [warmer, ...residents] = await addResidents(CLIENTS + 1, 'bench');
    const tokens = await Promise.all(residents.map(tokenOf));
    const warmerToken = await tokenOf(warmer);
    const post = (token: string, slotId: string, key: string, waitlist = false) =>
      request('POST', '/bookings', {
        token,
        body: { slotId, ...(waitlist ? { waitlist: true } : {}) },
        headers: { 'Idempotency-Key': key },
      });
    /** One booking per slot by the warmer (a full slot of one seat: its holder): the stack has seen each slot. */
    const warm = async (slots: { id: string }[]) => {
      for (const s of slots) {
        const res = await post(warmerToken, s.id, `bench-warm-${s.id}`);
        if (res.status !== 201) throw new Error(`warm-up answered ${res.status}: ${res.text}`);
      }
    };
    const users = await Promise.all(residents.map(async (r) => (await getUser(r))!));

    // The floor's items are built by the same code the handler's are (commit.ts planItems), for the same resident and slot.
    type Slot = NonNullable<Awaited<ReturnType<typeof getSlot>>>;
    const floorItems = async (slot: Slot, ri: number, action: 'book' | 'wait', key: string) => {
      const nowIso = new Date().toISOString();
      const user = users[ri];
      const number = action === 'wait' ? await takeWaitNumber(slot.id, slot.waitVersion) : null;
      const waitKey = number ? joinedWaitKey(number.number, user.id) : null;
      const booking = newBooking({
        slot,
        resident: { ...user, home: user.home! },
        channel: 'self',
        booker: null,
        action,
        nowIso,
        waitKey,
        existing: null,
        ticket: null,
        weight: 2,
      });
      const guard =
        action === 'book'
          ? { open: true, phases: ['none', 'drawn'] as const, seat: 'all' as const, waitVersion: slot.waitVersion }
          : { open: true, phases: ['none', 'drawn'] as const, counters: slot };
      const { items } = planItems({
        slot,
        changes: [{ previous: null, next: booking, caps: quota }],
        guard,
        keyItem: idempotencyPut(user.id, key, 'hash', booking.id, new Date()),
        extra: waitKey ? [waitPut(slot.id, waitKey, user.id, false)] : [],
        notes: bookingNotes(action === 'book' ? 'booked' : 'waiting', booking, user.id),
        nowIso,
      });
      return [...items, writeLimitItem(user.id, new Date())];
    };

    // Booking: each client books each of the slots once.
    const bookSlots = await open(bookService, 3 * DAY_MS, 100);
    const bookFloorSlots = await open(bookService, 4 * DAY_MS, 100);
    await warm([...bookSlots, ...bookFloorSlots]);
    const booked = await run(
      residents.flatMap((_r, ri) =>
        bookSlots.map((s) => async () => {
          const res = await post(tokens[ri], s.id, `bench-${ri}-${s.id}`);
          if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${res.text}`);
        }),
      ),
    );
    // Built before the clock starts: the floor is the database's own time for the call.
    const bookFloorJobs = await Promise.all(
      residents.flatMap((_r, ri) =>
        bookFloorSlots.map(async (s) => {
          const items = await floorItems((await getSlot(s.id))!, ri, 'book', `floor-${ri}-${s.id}`);
          return () => transactRaw(items);
        }),
      ),
    );
    const bookFloor = await run(bookFloorJobs);

    // Waiting-list join: each client joins each full slot's list once.
    const waitSlots = await open(waitService, 3 * DAY_MS, 1);
    const waitFloorSlots = await open(waitService, 4 * DAY_MS, 1);
    await warm([...waitSlots, ...waitFloorSlots]);
    const joined = await run(
      residents.flatMap((_r, ri) =>
        waitSlots.map((s) => async () => {
          const res = await post(tokens[ri], s.id, `bench-wait-${ri}-${s.id}`, true);
          if (res.status !== 201 || res.body.status !== 'waiting') throw new Error(`join answered ${res.status}: ${res.text}`);
        }),
      ),
    );
    // The number and the transaction, as a join needs them, on the full slot as read before the run (its seats do not change).
    const fullSlots = new Map(await Promise.all(waitFloorSlots.map(async (s) => [s.id, (await getSlot(s.id))!] as const)));
    const joinFloor = await run(
      residents.flatMap((_r, ri) =>
        waitFloorSlots.map((s) => async () => {
          const items = await floorItems(fullSlots.get(s.id)!, ri, 'wait', `floor-wait-${ri}-${s.id}`);
          await transactRaw(items);
        }),
      ),
    );

    printComparison(
      'booking',
      'bookings',
      CLIENTS,
      ['handler stack (POST /bookings)', booked],
      ['floor: raw TransactWriteItems', bookFloor],
    );
    printComparison(
      'waiting-list join',
      'joins',
      CLIENTS,
      ['handler stack (POST /bookings, waitlist)', joined],
      ['floor: raw UpdateItem + TransactWriteItems', joinFloor],
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
