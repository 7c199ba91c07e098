import { bookingsOfSlot, getBookingById } from '../../functions/data/booking/bookings';
import { getSlot } from '../../functions/data/booking/slots';
import { waitlistOf } from '../../functions/data/booking/waitlist';
import { tokenOf } from '../helpers/api';
import { DAY_MS, slotIn, testService } from '../helpers/booking';
import { call, startOffline, type Offline } from '../helpers/offline';
import { addResidents } from '../helpers/people';
import { useDemoTable } from '../helpers/table';

useDemoTable();

/** Booking over HTTP through serverless-offline on loopback, run the way `npm start` runs it. */
describe('booking over HTTP (serverless-offline)', () => {
  let api: Offline;
  beforeAll(async () => {
    api = await startOffline();
  }, 120_000);
  afterAll(() => api?.stop());

  test('200 residents book a 5-seat slot at once over HTTP: 5 × 201, 195 × 409 SLOT_FULL, none disguised, and the table holds 5', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const residents = await addResidents(200, 'http-crowd');
    const tokens = await Promise.all(residents.map(tokenOf));
    const results = await Promise.all(
      tokens.map((token, i) =>
        call(api.baseUrl, 'POST', '/bookings', { token, body: { slotId: slot.id }, headers: { 'Idempotency-Key': `http-crowd-key-${i}` } }),
      ),
    );
    const counts = results.reduce<Record<string, number>>((n, r) => {
      const key = `${r.status} ${r.body?.error?.code ?? ''}`.trim();
      n[key] = (n[key] ?? 0) + 1;
      return n;
    }, {});
    expect(counts).toEqual({ '201': 5, '409 SLOT_FULL': 195 });
    expect((await getSlot(slot.id))!.booked).toBe(5);
    expect((await bookingsOfSlot(slot.id)).filter((b) => b.status === 'booked')).toHaveLength(5);
  });

  test('100 verified residents join one full slot’s waiting list at once over HTTP: 100 × 201, told places 1 to 100, stored in that order', async () => {
    const svc = await testService({ seatsPerSlot: 1, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [holder, ...crowd] = await addResidents(101, 'http-wait');
    const post = (token: string, key: string) =>
      call(api.baseUrl, 'POST', '/bookings', { token, body: { slotId: slot.id, waitlist: true }, headers: { 'Idempotency-Key': key } });
    const holderToken = await tokenOf(holder);
    expect((await post(holderToken, 'http-wait-holder')).body.status).toBe('booked');
    const tokens = await Promise.all(crowd.map(tokenOf));
    const results = await Promise.all(tokens.map((token, i) => post(token, `http-wait-key-${i}`)));
    expect(results.map((r) => `${r.status} ${r.body?.error?.code ?? r.body?.status}`)).toEqual(Array(100).fill('201 waiting'));
    const places = results.map((r) => r.body.waitPosition as number);
    expect([...places].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // The table agrees: 100 entries, and the one told place p is the p-th in the order offers follow.
    const stored = (await getSlot(slot.id))!;
    expect([stored.booked, stored.waiting, stored.waitJoins]).toEqual([1, 100, 100]);
    const entries = await waitlistOf(slot.id, 200);
    expect(entries).toHaveLength(100);
    expect(new Set(entries.map((e) => e.SK)).size).toBe(100);
    const byPlace = results.map((r) => r.body.residentId as string).sort((a, b) => places[crowd.indexOf(a)] - places[crowd.indexOf(b)]);
    expect(entries.map((e) => e.residentId)).toEqual(byPlace);
    expect((await bookingsOfSlot(slot.id)).filter((b) => b.status === 'waiting')).toHaveLength(100);
    // The freed seat is offered to the one told place 1.
    expect((await call(api.baseUrl, 'POST', `/bookings/${slot.id}.${holder}/cancel`, { token: holderToken, body: {} })).status).toBe(200);
    expect((await getBookingById(results[places.indexOf(1)].body.id))!.status).toBe('offered');
  });

  test('30 taps by one resident with different keys over HTTP hold one place', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'http-tapper');
    const token = await tokenOf(me);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(api.baseUrl, 'POST', '/bookings', { token, body: { slotId: slot.id }, headers: { 'Idempotency-Key': `http-tap-${i}-key` } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(29).fill('ALREADY_BOOKED'));
    expect((await getSlot(slot.id))!.booked).toBe(1);
  });
});
