import { bookingsOfSlot, getBookingById } from '../../../functions/data/booking/bookings';
import { commit, CommitRefused } from '../../../functions/booking/commit';
import { giveBackWaitTicket, takeWaitTicket } from '../../../functions/booking/wait-ticket';
import { readInbox } from '../../../functions/data/notifications';
import { getSlot, slotKey } from '../../../functions/data/booking/slots';
import { AppError } from '../../../shared/errors';
import { BookingView } from '../../../shared/schemas/bookings';
import { as, tokenOf } from '../../helpers/api';
import { book, codeOf, DAY_MS, HOUR_MS, slotIn, testService } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { whenText } from '../../../shared/domain/beijing-time';
import { tickAt } from '../../helpers/tick';
import { recordDbCalls } from '../../helpers/db-calls';

useDemoTable();

const GRID = 'u-grid-sun';
const STAFF = 'u-staff-guo';
const held = (bookings: { status: string }[]) => bookings.filter((b) => ['booked', 'offered', 'checked_in'].includes(b.status));

describe('exact seats under any load', () => {
  test('200 residents book a 5-seat slot at once: 5 × 201, 195 × 409 SLOT_FULL, and the database agrees', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const residents = await addResidents(200, 'crowd');
    // Signed in beforehand, as people are: the burst is the 200 taps on 预约, not 200 sign-ins.
    await Promise.all(residents.map(tokenOf));
    const answers = await Promise.all(residents.map((r) => book(r, slot.id)));
    const codes = answers.map(codeOf);
    const counts: Record<string, number> = {};
    for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
    expect(counts).toEqual({ '201': 5, '409 SLOT_FULL': 195 });
    expect(codes.filter((c) => c === '201')).toHaveLength(5);
    expect(codes.filter((c) => c === '409 SLOT_FULL')).toHaveLength(195);
    expect((await getSlot(slot.id))!.booked).toBe(5);
    expect(held(await bookingsOfSlot(slot.id))).toHaveLength(5);
  });

  test('one resident tapping 30 times with different keys holds one place; a retried key answers the same booking', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'tapper');
    const codes = (await Promise.all(Array.from({ length: 30 }, () => book(me, slot.id)))).map(codeOf);
    expect(codes.filter((c) => c === '201')).toHaveLength(1);
    expect(codes.filter((c) => c !== '201').every((c) => c === '409 ALREADY_BOOKED')).toBe(true);
    expect((await getSlot(slot.id))!.booked).toBe(1);
    const first = await book(me, slot.id, {}, 'same-key-0001');
    const again = await book(me, slot.id, {}, 'same-key-0001');
    expect([first.status, again.status]).toEqual([409, 409]);
    const svc2 = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot2 = await slotIn(svc2, 3 * DAY_MS);
    const once = await book(me, slot2.id, {}, 'same-key-0002');
    const retry = await book(me, slot2.id, {}, 'same-key-0002');
    expect([once.status, retry.status, retry.body.id]).toEqual([201, 200, once.body.id]);
  });
});

describe('the rules, each with its code', () => {
  test('the window: not yet open, and closed shortly before the start', async () => {
    const svc = await testService({ reservedPercent: 0 });
    expect(codeOf(await book('u-res-li', (await slotIn(svc, 10 * DAY_MS)).id))).toBe('409 WINDOW_CLOSED');
    expect(codeOf(await book('u-res-li', (await slotIn(svc, HOUR_MS)).id))).toBe('409 WINDOW_CLOSED');
  });

  test('quota: one active booking per service, whoever books it; the grid worker booking for 王秀英 uses hers', async () => {
    const svc = await testService({ reservedPercent: 0, quota: { active: 1, perMonth: 4 } });
    const [a, b] = [await slotIn(svc, 2 * DAY_MS), await slotIn(svc, 3 * DAY_MS)];
    const forHer = await book(GRID, a.id, { forResidentId: 'u-res-wang', consent: true });
    expect(forHer.status).toBe(201);
    expect(BookingView.parse(forHer.body)).toMatchObject({ residentId: 'u-res-wang', channel: 'grid_worker', bookedBy: { userId: GRID } });
    expect(codeOf(await book('u-res-wang', b.id))).toBe('409 QUOTA_EXCEEDED');
    expect(codeOf(await book(GRID, b.id, { forResidentId: 'u-res-wang', consent: true }))).toBe('409 QUOTA_EXCEEDED');
    expect(codeOf(await book(GRID, b.id, { forResidentId: 'u-res-wang' }))).toBe('400 VALIDATION_FAILED');
    expect((await readInbox('u-res-wang', true)).items.map((n) => n.title)).toContain('预约成功');
  });

  test('eligibility: a lunch for 60 and over', async () => {
    const svc = await testService({ reservedPercent: 0, eligibility: { minAge: 60, gridIds: [] } });
    const slot = await slotIn(svc, 2 * DAY_MS);
    expect(codeOf(await book('u-res-zhao', slot.id))).toBe('409 NOT_ELIGIBLE');
    expect((await book('u-res-wang', slot.id)).status).toBe(201);
  });

  test('seats held back for people who do not tap fast: the last seat goes only to a booking made for a resident', async () => {
    const svc = await testService({ seatsPerSlot: 4, reservedPercent: 25 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const fast = await addResidents(4, 'fast');
    for (const r of fast.slice(0, 3)) expect((await book(r, slot.id)).status).toBe(201);
    expect(codeOf(await book(fast[3], slot.id))).toBe('409 SLOT_FULL');
    expect((await book(GRID, slot.id, { forResidentId: 'u-res-wang', consent: true })).status).toBe(201);
    expect((await getSlot(slot.id))!.booked).toBe(4);
  });

  test('cancelling after the deadline is refused; staff may override with a reason', async () => {
    const svc = await testService({ reservedPercent: 0, cancelBy: { hoursBefore: 48 } });
    const slot = await slotIn(svc, DAY_MS);
    const booked = await book('u-res-li', slot.id);
    expect(booked.status).toBe(201);
    expect(codeOf(await as('u-res-li').post(`/bookings/${booked.body.id}/cancel`, {}))).toBe('409 CANCEL_DEADLINE_PASSED');
    expect(codeOf(await as(STAFF).post(`/bookings/${booked.body.id}/cancel`, { override: true }))).toBe('400 VALIDATION_FAILED');
    expect((await as(STAFF).post(`/bookings/${booked.body.id}/cancel`, { override: true, reason: '老人住院了' })).status).toBe(200);
    expect((await getSlot(slot.id))!.booked).toBe(0);
  });
});

describe('what a crowd at one slot costs the database, counted in calls', () => {
  test('a refused booking learns the slot as it is now from the refusal itself, without reading it again', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const stale = await slotIn(svc, 3 * DAY_MS);
    const [first] = await addResidents(1, 'all-old');
    expect((await book(first, stale.id)).status).toBe(201);
    // A write decided on the slot as read before that booking: its seat condition fails.
    const calls = recordDbCalls();
    const refused = await commit({
      slot: stale,
      changes: [],
      guard: { open: true, seat: 'all', waitVersion: stale.waitVersion },
      nowIso: new Date().toISOString(),
    })
      .catch((e: unknown) => e)
      .finally(calls.stop);
    expect(calls.commands()).toEqual(['TransactWriteItemsCommand']);
    expect(refused).toBeInstanceOf(CommitRefused);
    expect([...(refused as CommitRefused).failed]).toEqual(['slot']);
    expect((refused as CommitRefused).slotNow).toMatchObject({ id: stale.id, booked: 1, seats: 1 });
  });

  test('a tap on a full slot is answered SLOT_FULL from its first look: one batch read, no read of the slot alone, no transaction', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, late] = await addResidents(2, 'full-tap');
    expect((await book(holder, slot.id)).status).toBe(201);
    await tokenOf(late);
    const calls = recordDbCalls();
    const res = await book(late, slot.id).finally(calls.stop);
    expect(codeOf(res)).toBe('409 SLOT_FULL');
    // Besides who is asking (the user, the write limit, the no-show history), the database is asked once:
    // the first look's BatchGetItem is the only call about the slot, and nothing is written to it.
    const aboutSlot = calls.calls.filter((c) => JSON.stringify(c.input).includes(slotKey(slot.id).PK));
    expect(aboutSlot.map((c) => c.command)).toEqual(['BatchGetItemCommand']);
    expect(calls.count('BatchGetItemCommand')).toBe(1);
    expect(calls.count('TransactWriteItemsCommand')).toBe(0);
  });
});

describe('a place on the waiting list', () => {
  test('30 residents join the waiting list of a full slot at once: each once, told places 1 to 30', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, ...crowd] = await addResidents(31, 'wait-crowd');
    expect((await book(holder, slot.id)).status).toBe(201);
    await Promise.all(crowd.map(tokenOf));
    const answers = await Promise.all(crowd.map((r) => book(r, slot.id, { waitlist: true })));
    expect(answers.map(codeOf)).toEqual(Array(30).fill('201'));
    // Each is told the place they hold: the order their joins went through, so no two are told the same.
    expect(answers.map((a) => a.body.waitPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = await getSlot(slot.id);
    expect([stored!.booked, stored!.waiting]).toEqual([1, 30]);
    expect((await bookingsOfSlot(slot.id)).filter((b) => b.status === 'waiting')).toHaveLength(30);
  });

  test('a number taken by a join that did not go through is given back: the next joiner is told the place they hold', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, a, b] = await addResidents(3, 'give-back');
    expect((await book(holder, slot.id)).status).toBe(201);
    expect((await book(a, slot.id, { waitlist: true })).body.waitPosition).toBe(1);
    // A join that took a number and was then refused (a second tap of the same resident, say).
    await takeWaitTicket((await getSlot(slot.id))!, 'someone');
    await giveBackWaitTicket(slot.id, { ok: false, error: new AppError('ALREADY_BOOKED', 'already waiting') });
    const joined = await book(b, slot.id, { waitlist: true });
    expect(joined.body.waitPosition).toBe(2);
    expect((await as(b).get(`/bookings/${joined.body.id}`)).body.waitPosition).toBe(2);
  });
});

describe('the waiting list offers, one at a time', () => {
  test('a cancellation offers the seat to the first waiting; an offer not taken passes to the next at tick', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [a, b, c] = await addResidents(3, 'wait');
    expect((await book(a, slot.id)).status).toBe(201);
    expect(codeOf(await book(b, slot.id))).toBe('409 SLOT_FULL');
    const bw = await book(b, slot.id, { waitlist: true });
    const cw = await book(c, slot.id, { waitlist: true });
    expect([bw.body.status, bw.body.waitPosition, cw.body.waitPosition]).toEqual(['waiting', 1, 2]);

    const before = Date.now();
    expect((await as(a).post(`/bookings/${slot.id}.${a}/cancel`, {})).status).toBe(200);
    const after = Date.now();
    const offered = (await getBookingById(bw.body.id))!;
    expect([offered.status, offered.residentId]).toEqual(['offered', b]);
    // Held for the resident's own hours from the moment of the cancellation (the window closes days later).
    const holdMs = slot.rules.offerHours.self * HOUR_MS;
    expect(Date.parse(offered.offerUntil!)).toBeGreaterThanOrEqual(before + holdMs);
    expect(Date.parse(offered.offerUntil!)).toBeLessThanOrEqual(after + holdMs);
    expect((await as(b).get(`/bookings/${bw.body.id}`)).body).toMatchObject({ status: 'offered', offerUntil: offered.offerUntil });
    expect((await getBookingById(cw.body.id))!.status).toBe('waiting');
    // The offer is told to b, and to b alone: one note of its kind, naming the hour it is held until,
    // with the WeChat message that asks b to answer. (b's inbox already holds the note of joining the list.)
    const offers = (await readInbox(b, true)).items.filter((n) => n.kind === 'booking_offered');
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ userId: b, title: '有空位了,请确认', push: { template: 'waitlist_offer' } });
    expect(offers[0].body).toContain(whenText(offered.offerUntil!));
    for (const other of [a, c]) expect((await readInbox(other, true)).items.map((n) => n.kind)).not.toContain('booking_offered');

    await tickAt(offered.offerUntil!);
    expect((await getBookingById(bw.body.id))!.status).toBe('expired');
    expect((await getBookingById(cw.body.id))!.status).toBe('offered');
    expect((await as(c).post(`/bookings/${cw.body.id}/accept`, {})).status).toBe(200);
    expect((await getBookingById(cw.body.id))!.status).toBe('booked');
    expect((await getSlot(slot.id))!.booked).toBe(1);
  });

  test('five cancellations at once promote each of five waiting residents exactly once', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const holders = await addResidents(5, 'hold');
    const waiters = await addResidents(6, 'queue');
    for (const h of holders) expect((await book(h, slot.id)).status).toBe(201);
    for (const w of waiters) expect((await book(w, slot.id, { waitlist: true })).status).toBe(201);
    const cancels = await Promise.all(holders.map((h) => as(h).post(`/bookings/${slot.id}.${h}/cancel`, {})));
    expect(cancels.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const after = await bookingsOfSlot(slot.id);
    const statusOf = (id: string) => after.find((b) => b.residentId === id)!.status;
    expect(waiters.slice(0, 5).map(statusOf)).toEqual(['offered', 'offered', 'offered', 'offered', 'offered']);
    expect(statusOf(waiters[5])).toBe('waiting');
    const stored = (await getSlot(slot.id))!;
    expect(stored.booked).toBe(held(after).length);
    expect(stored.booked).toBeLessThanOrEqual(stored.seats);
  });
});

describe('check-in and no-shows, forgiving', () => {
  test('the providing team checks people in; those not in by the end of the grace period become no-shows at tick; a grid worker excuses one', async () => {
    const svc = await testService({ reservedPercent: 0, closes: { hoursBefore: 0 } });
    const slot = await slotIn(svc, 30 * 60_000);
    const [came, missed] = await addResidents(2, 'noshow');
    const [b1, b2] = [await book(came, slot.id), await book(missed, slot.id)];
    expect((await as('u-res-zhao').post(`/bookings/${b1.body.id}/check-in`, {})).status).toBe(403);
    expect((await as('u-vol-liu').post(`/bookings/${b1.body.id}/check-in`, {})).status).toBe(200);
    await tickAt(new Date(Date.parse(slot.times.graceEndsAt) + 60_000));
    expect((await getBookingById(b1.body.id))!.status).toBe('checked_in');
    expect((await getBookingById(b2.body.id))!.status).toBe('no_show');
    const excused = await as(GRID).post(`/bookings/${b2.body.id}/excuse`, { reason: '老人突发急病' });
    expect([excused.status, excused.body.excused]).toEqual([200, true]);
  });
});
