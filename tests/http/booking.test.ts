import { bookingsOfSlot } from '../../functions/data/booking/bookings';
import { getSlot } from '../../functions/data/booking/slots';
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
      tokens.map((token, i) => call(api.baseUrl, 'POST', '/bookings', { token, body: { slotId: slot.id }, headers: { 'Idempotency-Key': `http-crowd-key-${i}` } })),
    );
    const counts = results.reduce<Record<string, number>>((n, r) => {
      const key = `${r.status} ${r.body?.error?.code ?? ''}`.trim();
      return { ...n, [key]: (n[key] ?? 0) + 1 };
    }, {});
    expect(counts).toEqual({ '201': 5, '409 SLOT_FULL': 195 });
    expect((await getSlot(slot.id))!.booked).toBe(5);
    expect((await bookingsOfSlot(slot.id)).filter((b) => b.status === 'booked')).toHaveLength(5);
  });

  test('30 taps by one resident with different keys over HTTP hold one place', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const [me] = await addResidents(1, 'http-tapper');
    const token = await tokenOf(me);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => call(api.baseUrl, 'POST', '/bookings', { token, body: { slotId: slot.id }, headers: { 'Idempotency-Key': `http-tap-${i}-key` } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(29).fill('ALREADY_BOOKED'));
    expect((await getSlot(slot.id))!.booked).toBe(1);
  });
});
