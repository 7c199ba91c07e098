import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../../functions/config';
import { getBooking, getBookingById } from '../../../functions/data/booking/bookings';
import { getSlot, slotKey } from '../../../functions/data/booking/slots';
import { db } from '../../../functions/data/db';
import { HOUR_MS } from '../../../shared/domain/beijing-time';
import { ErrorBody } from '../../../shared/schemas/common';
import { as } from '../../helpers/api';
import { book, codeOf, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { aroundDb, type DbCall, failDb, recordDbCalls } from '../../helpers/db-calls';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';

useDemoTable();

/**
 * The fixes of the booking review (commit fc4979d), each through POST /bookings or the check-in route and the
 * real middy stack, with the database's misbehaviour injected by middleware on the functions' own client.
 */
let undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo) u();
  undo = [];
});

const readsOfSlot = (calls: DbCall[], slotId: string) =>
  calls.filter((c) => c.command === 'GetItemCommand' && c.input.Key?.PK === slotKey(slotId).PK && c.input.Key?.SK === 'SLOT');

describe('a slot that vanishes while a booking is decided', () => {
  test('is answered 404 as a missing slot is, after one refused transaction, not a loop until the budget runs out', async () => {
    const svc = await testService({ seatsPerSlot: 2, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'vanish');
    let deleted = false;
    // After the first look (which found the slot), just before the booking's transaction: the slot goes.
    undo.push(
      aroundDb(async (call, next) => {
        if (call.command === 'TransactWriteItemsCommand' && !deleted) {
          deleted = true;
          await db().send(new DeleteCommand({ TableName: tableName(), Key: slotKey(slot.id) }));
        }
        return next();
      }),
    );
    const calls = recordDbCalls();
    undo.push(calls.stop);
    const res = await book(me, slot.id);
    expect(codeOf(res)).toBe('404 NOT_FOUND');
    // One transaction, refused on the slot's condition; then one read of the slot, which is gone: the answer.
    expect(calls.count('TransactWriteItemsCommand')).toBe(1);
    expect(readsOfSlot(calls.calls, slot.id)).toHaveLength(1);
    expect(await getBooking(slot.id, me)).toBeNull();
    // The same answer as a slot that was never there.
    expect((await book(me, slot.id)).body).toEqual(res.body);
  });
});

describe('a throttled batch read', () => {
  test.each([
    [
      'ProvisionedThroughputExceededException',
      'throttled-pt',
      () => new ProvisionedThroughputExceededException({ message: 'throughput exceeded', $metadata: {} }),
    ],
    ['ThrottlingException', 'throttled-th', () => new ThrottlingException({ message: 'rate exceeded', $metadata: {} })],
  ])('answered %s (after the SDK’s own retries), the booking is a 503 UNAVAILABLE and nothing is written', async (_name, prefix, error) => {
    const svc = await testService({ seatsPerSlot: 2, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, prefix);
    const fault = failDb('BatchGetItemCommand', error);
    undo.push(fault.stop);
    const res = await book(me, slot.id);
    fault.stop();
    expect(codeOf(res)).toBe('503 UNAVAILABLE');
    expect(ErrorBody.parse(res.body).error.requestId).toBe(res.requestId);
    expect(fault.attempts()).toBeGreaterThan(1); // the SDK retried a throttled read before giving up
    expect(await getBooking(slot.id, me)).toBeNull();
    expect((await getSlot(slot.id))!.booked).toBe(0);
    // The database answering again, the same tap books.
    expect((await book(me, slot.id)).status).toBe(201);
  });

  test('a batch read whose keys DynamoDB keeps leaving unprocessed is a 503 UNAVAILABLE, not a 500', async () => {
    const svc = await testService({ seatsPerSlot: 2, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'unprocessed');
    let batches = 0;
    undo.push(
      aroundDb(async (call, next) => {
        if (call.command !== 'BatchGetItemCommand') return next();
        batches++;
        const table = tableName();
        const output = {
          Responses: { [table]: [] },
          UnprocessedKeys: { [table]: { Keys: call.input.RequestItems[table].Keys } },
          $metadata: {},
        };
        return { output, response: {} };
      }),
    );
    const res = await book(me, slot.id);
    expect(codeOf(res)).toBe('503 UNAVAILABLE');
    expect(batches).toBeGreaterThan(1); // asked again for the keys left over before giving up
    expect(await getBooking(slot.id, me)).toBeNull();
  });
});

describe('the slot a refused booking transaction returns (ALL_OLD)', () => {
  test.each([
    ['parses', false, 0],
    ['does not parse', true, 1],
  ])('that %s: the tap that lost the last seat is answered 409 SLOT_FULL either way', async (_name, corrupt, slotReads) => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [first, second] = await addResidents(2, corrupt ? 'all-old-bad' : 'all-old-good');
    let raced = false;
    let refusal: unknown = null;
    // `second` has read the slot with its seat free; just before their transaction `first` takes the seat.
    undo.push(
      aroundDb(async (call, next) => {
        if (call.command !== 'TransactWriteItemsCommand' || raced) return next();
        raced = true;
        expect((await book(first, slot.id)).status).toBe(201);
        try {
          return await next();
        } catch (error) {
          refusal = error;
          // The slot as DynamoDB returned it, with a counter the schema refuses (as a newer writer might leave it).
          const item = (error as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons?.[0]?.Item;
          if (corrupt && item) item.booked = { S: 'many' };
          throw error;
        }
      }),
    );
    const calls = recordDbCalls();
    undo.push(calls.stop);
    const res = await book(second, slot.id);
    expect((refusal as { name?: string } | null)?.name).toBe('TransactionCanceledException');
    expect(codeOf(res)).toBe('409 SLOT_FULL');
    // The shortcut: a refusal that returns the slot needs no read of it; one that cannot be parsed reads it again.
    expect(readsOfSlot(calls.calls, slot.id)).toHaveLength(slotReads);
    expect(calls.count('TransactWriteItemsCommand')).toBe(2); // first's booking, second's refused one
    expect((await getSlot(slot.id))!.booked).toBe(1);
  });
});

describe('check-in only in its window', () => {
  /** The request handled at `ms` on the clock (only Date is faked: timers, the SDK and DynamoDB Local run as they do). */
  async function at<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    jest.useFakeTimers({
      now: ms,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      return await fn();
    } finally {
      jest.useRealTimers();
    }
  }

  test('refused before the hour ahead of the start and from the end of the slot on; open from start − 1 h until just before the end', async () => {
    const svc = await testService({ reservedPercent: 0, closes: { hoursBefore: 0 } });
    const slot = await slotIn(svc, 3 * HOUR_MS);
    const [early, late] = await addResidents(2, 'check-window');
    const [b1, b2] = [await book(early, slot.id), await book(late, slot.id)];
    expect([b1.status, b2.status]).toEqual([201, 201]);
    const checkIn = (id: string) => as('u-vol-liu').post(`/bookings/${id}/check-in`, {});
    const [start, end] = [Date.parse(slot.start), Date.parse(slot.end)];

    // Before the window: now (3 h ahead), and the last millisecond before it opens.
    expect(codeOf(await checkIn(b1.body.id))).toBe('409 WINDOW_CLOSED');
    expect(codeOf(await at(start - HOUR_MS - 1, () => checkIn(b1.body.id)))).toBe('409 WINDOW_CLOSED');
    expect(codeOf(await at(start - HOUR_MS, () => checkIn(b1.body.id)))).toBe('200');
    expect((await getBookingById(b1.body.id))!.status).toBe('checked_in');

    // At the end and after it; the moment before the end still checks in.
    expect(codeOf(await at(end, () => checkIn(b2.body.id)))).toBe('409 WINDOW_CLOSED');
    expect(codeOf(await at(end + HOUR_MS, () => checkIn(b2.body.id)))).toBe('409 WINDOW_CLOSED');
    expect((await getBookingById(b2.body.id))!.status).toBe('booked');
    expect(codeOf(await at(end - 1, () => checkIn(b2.body.id)))).toBe('200');
  });
});
