import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../../functions/config';
import { db } from '../../../functions/data/db';
import { getBookingById } from '../../../functions/data/booking/bookings';
import { getSlot } from '../../../functions/data/booking/slots';
import { writeLimitItem } from '../../../functions/data/rate-limits';
import { rememberSlot } from '../../../functions/booking/known-slots';
import { noShowPut, quotaKey, quotaUse } from '../../../functions/data/booking/quotas';
import { rebuildStanding } from '../../../functions/data/booking/standing';
import { beijingMonth } from '../../../shared/domain/beijing-time';
import { as, tokenOf } from '../../helpers/api';
import { book, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { recordDbCalls } from '../../helpers/db-calls';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';

useDemoTable();

const STAFF = 'u-staff-guo';
const refusal = (res: { status: number; body: any }) => ({
  status: res.status,
  code: res.body?.error?.code,
  message: res.body?.error?.message,
});

// The user cache's window (5 s) is longer than a test's few requests take, but not always under a busy suite on
// two cores: hold it open here, so what is counted is the happy path, not the cache's refresh.
const savedWindow = process.env.USER_CACHE_MS;
beforeEach(() => {
  process.env.USER_CACHE_MS = '120000';
});
afterEach(() => {
  if (savedWindow === undefined) delete process.env.USER_CACHE_MS;
  else process.env.USER_CACHE_MS = savedWindow;
});

/** This container has seen the slot as it is now (a crowd's earlier booking, a refusal): the next booking goes straight to its transaction. */
const seen = async (slotId: string) => rememberSlot((await getSlot(slotId))!, Date.now());

/** Signed in and read once already, as someone in the middle of using the app is (the user is cached). */
const warm = async (userId: string) => {
  await tokenOf(userId);
  expect((await as(userId).get('/me')).status).toBe(200);
};

/** The calls one POST /bookings makes, and its answer. */
async function counted(userId: string, slotId: string, extra: Record<string, unknown> = {}, key?: string) {
  const calls = recordDbCalls();
  const res = await book(userId, slotId, extra, key).finally(calls.stop);
  return { res, commands: calls.commands() };
}

describe('a booking reaches the database once', () => {
  test('with the user cached and the slot known, one booking is exactly one DynamoDB call: its TransactWriteItems', async () => {
    const svc = await testService({ seatsPerSlot: 20, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [first, me] = await addResidents(2, 'one-trip');
    await warm(first);
    await warm(me);
    // The first booking of a slot in this container takes a first look; the crowd after it does not.
    expect((await book(first, slot.id)).status).toBe(201);
    const { res, commands } = await counted(me, slot.id);
    expect(res.status).toBe(201);
    expect(commands).toEqual(['TransactWriteItemsCommand']);
    // The write limit was counted in that transaction: one hit for this minute.
    const stored = (await getSlot(slot.id))!;
    expect([stored.booked, (await getBookingById(res.body.id))!.status]).toEqual([2, 'booked']);
  });

  test('joining the waiting list of a known full slot: a read of the slot, its number, one transaction', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, a, b] = await addResidents(3, 'one-trip-wait');
    for (const r of [holder, a, b]) await warm(r);
    expect((await book(holder, slot.id)).status).toBe(201);
    expect((await book(a, slot.id, { waitlist: true })).body.waitPosition).toBe(1);
    const { res, commands } = await counted(b, slot.id, { waitlist: true });
    expect([res.status, res.body.status, res.body.waitPosition]).toEqual([201, 'waiting', 2]);
    expect(commands).toEqual(['GetItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand']);
  });
});

describe('every rule a first look checked is a condition of the transaction: the same code and message', () => {
  test('seats left: a slot filled since this container saw it answers SLOT_FULL from the refusal, with no read', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, late] = await addResidents(2, 'cond-seat');
    await warm(late);
    const before = (await getSlot(slot.id))!;
    expect((await book(holder, slot.id)).status).toBe(201);
    rememberSlot(before, Date.now()); // as another container still knows it: a seat free
    const { res, commands } = await counted(late, slot.id);
    expect(refusal(res)).toEqual({ status: 409, code: 'SLOT_FULL', message: 'no seat is left on this slot' });
    // The transaction, then (after it) the write limit counting the refused write, as every refused write is.
    expect(commands.filter((c) => c !== 'UpdateItemCommand')).toEqual(['TransactWriteItemsCommand']);
  });

  test('not already booked: a second booking with a new key is refused by the booking’s own condition', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'cond-booked');
    await warm(me);
    expect((await book(me, slot.id)).status).toBe(201);
    await seen(slot.id);
    const { res, commands } = await counted(me, slot.id);
    expect(refusal(res)).toEqual({ status: 409, code: 'ALREADY_BOOKED', message: 'the resident is already booked on this slot' });
    expect(commands.filter((c) => c !== 'UpdateItemCommand')).toEqual(['TransactWriteItemsCommand']);
    expect((await getSlot(slot.id))!.booked).toBe(1);
  });

  test('the quota below its limit: the quota item’s condition refuses, and the answer names the cap', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0, quota: { active: 1, perMonth: 4 } });
    const [a, b] = [await slotIn(svc, 2 * DAY_MS), await slotIn(svc, 2 * DAY_MS + 60 * 60_000)];
    const [me] = await addResidents(1, 'cond-quota');
    await warm(me);
    expect((await book(me, a.id)).status).toBe(201);
    await seen(b.id);
    const { res, commands } = await counted(me, b.id);
    expect(refusal(res)).toEqual({ status: 409, code: 'QUOTA_EXCEEDED', message: 'at most 1 booking(s) of this service at once' });
    // Refused by the quota's condition and answered from the quota it returned: the cap at once does not depend on
    // the no-show standing, so nothing is read (a monthly cap would read the standing: the test below).
    expect(commands.filter((c) => c !== 'UpdateItemCommand')).toEqual(['TransactWriteItemsCommand']);
    expect(await quotaUse(me, svc.id, beijingMonth(Date.parse(b.start)))).toMatchObject({ active: 1 });
  });

  test('the booking window: a slot staff moved later since this container saw it answers WINDOW_CLOSED', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'cond-window');
    await warm(me);
    await seen(slot.id);
    const later = new Date(Date.parse(slot.start) + 20 * DAY_MS).toISOString();
    expect((await as(STAFF).patch(`/slots/${slot.id}`, { start: later, reason: '理发师请假,改期' })).status).toBe(200);
    const { res, commands } = await counted(me, slot.id);
    const opensAt = (await getSlot(slot.id))!.times.opensAt;
    expect(refusal(res)).toEqual({ status: 409, code: 'WINDOW_CLOSED', message: `booking opens at ${opensAt}` });
    expect(commands[0]).toBe('TransactWriteItemsCommand');
    expect(commands.filter((c) => c !== 'UpdateItemCommand')).toEqual(['TransactWriteItemsCommand']);
  });

  test('staff changed nothing since: a slot whose place moved since this container saw it is booked with its new place', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'cond-rev');
    await warm(me);
    await seen(slot.id);
    expect((await as(STAFF).patch(`/slots/${slot.id}`, { place: '社区服务中心一楼', reason: '理发室装修' })).status).toBe(200);
    const { res, commands } = await counted(me, slot.id);
    expect([res.status, res.body.place]).toEqual([201, '社区服务中心一楼']);
    // Refused on the slot's `rev`, booked again on the slot the refusal returned: no read.
    expect(commands).toEqual(['TransactWriteItemsCommand', 'TransactWriteItemsCommand']);
  });

  test('the slot still open: a slot staff closed since this container saw it answers SLOT_CLOSED with their reason', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'cond-closed');
    await warm(me);
    await seen(slot.id);
    expect((await as(STAFF).patch(`/slots/${slot.id}`, { close: true, reason: '停电' })).status).toBe(200);
    const { res, commands } = await counted(me, slot.id);
    expect(refusal(res)).toEqual({ status: 409, code: 'SLOT_CLOSED', message: 'this slot was cancelled: 停电' });
    expect(commands[0]).toBe('TransactWriteItemsCommand');
  });

  test('the idempotency record absent: a retried key answers the first booking (200, same id); another body with it is refused', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const other = await slotIn(svc, 3 * DAY_MS + 60 * 60_000);
    const [me] = await addResidents(1, 'cond-key');
    await warm(me);
    await seen(slot.id);
    await seen(other.id);
    const first = await book(me, slot.id, {}, 'one-trip-key-0001');
    expect(first.status).toBe(201);
    const { res, commands } = await counted(me, slot.id, {}, 'one-trip-key-0001');
    expect([res.status, res.body.id, res.body.status]).toEqual([200, first.body.id, 'booked']);
    // The key's record came back with the refusal; the read after it is the first answer's booking.
    expect(commands).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
    const reused = await book(me, other.id, {}, 'one-trip-key-0001');
    expect(refusal(reused)).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'this Idempotency-Key was used for another booking; use a new key',
    });
    expect((await getSlot(other.id))!.booked).toBe(0);
  });

  test('the write-limit counter below its limit: past it the booking is 429 RATE_LIMITED with Retry-After, and nothing is booked', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'cond-limit');
    // Not at the turn of a minute: the counter filled here must be the one the booking counts on.
    if (new Date().getSeconds() > 54) await new Promise((r) => setTimeout(r, 6_000));
    await warm(me);
    await seen(slot.id);
    const now = new Date();
    const limit = Number(process.env.LIMIT_WRITES_PER_MINUTE);
    const counter = writeLimitItem(me, now).Update!.Key!;
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...counter, hits: limit, expiresAt: Math.floor(now.getTime() / 1000) + 3600 } }),
    );
    const { res, commands } = await counted(me, slot.id);
    expect(refusal(res)).toEqual({ status: 429, code: 'RATE_LIMITED', message: `at most ${limit} changes a minute; try again shortly` });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(commands).toEqual(['TransactWriteItemsCommand']);
    expect((await getSlot(slot.id))!.booked).toBe(0);
  });

  test('the no-show standing: a restricted resident’s halved monthly cap holds; an unrestricted one at that count still books', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0, quota: { active: 10, perMonth: 4 } });
    const [restricted, clean] = await addResidents(2, 'cond-standing');
    await giveNoShows(restricted, 3);
    for (const r of [restricted, clean]) await warm(r);
    // Two bookings this month each: the cap of a restricted resident (4 / 2).
    const slots = [];
    for (let i = 0; i < 3; i++) slots.push(await slotIn(svc, 2 * DAY_MS + i * 60 * 60_000));
    for (const r of [restricted, clean]) await setMonthUse(r, svc.id, slots[2].start, 2);
    await seen(slots[2].id);
    const refused = await counted(restricted, slots[2].id);
    expect(refusal(refused.res)).toEqual({ status: 409, code: 'QUOTA_EXCEEDED', message: 'at most 2 booking(s) of this service a month' });
    await seen(slots[2].id);
    const booked = await counted(clean, slots[2].id);
    expect(booked.res.status).toBe(201);
    // The cautious caps (a restricted resident's) refused; the standing, read only then, allows the full ones.
    expect(booked.commands.filter((c) => c !== 'UpdateItemCommand')).toEqual([
      'TransactWriteItemsCommand',
      'GetItemCommand',
      'TransactWriteItemsCommand',
    ]);
  });
});

describe('an offer taken, a booking cancelled: one read of the booking with its slot, one transaction', () => {
  test('a cancellation offers the seat; accepting it within the quota is two calls; past the monthly cap the quota’s condition refuses it', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0, quota: { active: 5, perMonth: 1 } });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, waiter, other] = await addResidents(3, 'accept-trip');
    for (const r of [holder, waiter, other]) await warm(r);
    expect((await book(holder, slot.id)).status).toBe(201);
    const waiting = await book(waiter, slot.id, { waitlist: true });
    const alsoWaiting = await book(other, slot.id, { waitlist: true });
    expect([waiting.body.status, alsoWaiting.body.status]).toEqual(['waiting', 'waiting']);
    // The waiter uses this month's one booking on another slot meanwhile.
    const elsewhere = await slotIn(svc, 3 * DAY_MS + 30 * 60_000);
    expect((await book(waiter, elsewhere.id)).status).toBe(201);

    const calls = recordDbCalls();
    const cancelled = await as(holder).post(`/bookings/${slot.id}.${holder}/cancel`, {}).finally(calls.stop);
    expect(cancelled.status).toBe(200);
    // The booking with its slot, the head of the waiting list and the one offered, then one transaction.
    expect(calls.commands()).toEqual(['BatchGetItemCommand', 'QueryCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);

    const refused = await as(waiter).post(`/bookings/${waiting.body.id}/accept`, {});
    expect(refusal(refused)).toEqual({ status: 409, code: 'QUOTA_EXCEEDED', message: 'at most 1 booking(s) of this service a month' });
    expect((await getBookingById(waiting.body.id))!.status).toBe('offered');

    // Declined, the seat passes to the next one waiting, who takes it: a read and a transaction.
    expect((await as(waiter).post(`/bookings/${waiting.body.id}/decline`, {})).status).toBe(200);
    const accept = recordDbCalls();
    const taken = await as(other).post(`/bookings/${alsoWaiting.body.id}/accept`, {}).finally(accept.stop);
    expect([taken.status, taken.body.status]).toEqual([200, 'booked']);
    expect(accept.commands()).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });
});

/** The resident's use of the service in the slot's month, as if they had booked `n` times already. */
async function setMonthUse(residentId: string, serviceId: string, start: string, n: number) {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...quotaKey(residentId, serviceId), type: 'quota', active: 0, [`m${beijingMonth(Date.parse(start))}`]: n },
    }),
  );
}

/**
 * `n` unexcused no-shows in the last days, recorded as they were before the standing item existed (the records
 * alone), then the standing rebuilt from them as the migration does: they count.
 */
async function giveNoShows(residentId: string, n: number) {
  for (let i = 1; i <= n; i++) {
    const at = new Date(Date.now() - i * DAY_MS).toISOString();
    await db().send(new PutCommand(noShowPut(residentId, at, `svc-gone.20260101000${i}.${residentId}`).Put!));
  }
  await rebuildStanding(residentId, Date.now());
}
