import { canonicalList, drawOrder, newTicket, parseList, runDraw, verifyDraw, type Applicant } from '../../shared/domain/booking/ballot';
import { effectiveQuota, noShowStanding } from '../../shared/domain/booking/noshow';
import { isCheckInOpen } from '../../shared/domain/booking/rules';
import { deadlineAt, heldBackSeats, slotTimes } from '../../shared/domain/booking/schedule';
import { DEMO_SERVICES } from '../../scripts/demo-booking';

const applicants = (n: number, weight = 1): Applicant[] =>
  Array.from({ length: n }, (_, i) => ({ ticket: `T${String(i).padStart(7, '0')}`, weight, name: `居*${i}`, residentId: `u-${i}` }));

describe('the ballot is a seeded shuffle anyone can redo', () => {
  const slotId = 'svc-repair.202612051400';
  const closedAt = '2026-12-03T00:00:00.000Z';

  test('the same list always draws the same ranks; every applicant exactly once; the first `seats` win', () => {
    const a = runDraw(slotId, closedAt, 5, applicants(40));
    const b = runDraw(slotId, closedAt, 5, [...applicants(40)].reverse());
    expect(b.entries).toEqual(a.entries);
    expect(new Set(a.entries.map((e) => e.ticket)).size).toBe(40);
    expect(a.entries.filter((e) => e.outcome === 'won').map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyDraw({ ...a, seats: 5, slotId, closedAt })).toEqual([]);
  });

  test('the order does not follow arrival or ticket order', () => {
    const order = runDraw(slotId, closedAt, 5, applicants(40)).entries.map((e) => e.ticket);
    expect(order).not.toEqual([...order].sort());
  });

  test.each([
    ['one more applicant', (l: string) => `${l}\nZZZZZZZZ 1`, 'the list hash does not match the list'],
    ['a weight changed', (l: string) => l.replace(/ 1$/, ' 2'), 'the list hash does not match the list'],
    [
      'another close time',
      (l: string) => l.replace(/closes .*/, 'closes 2026-12-04T00:00:00.000Z'),
      'the list names another slot or close time',
    ],
  ])('a list changed after the freeze is caught: %s', (_what, change, problem) => {
    const draw = runDraw(slotId, closedAt, 5, applicants(12));
    expect(verifyDraw({ ...draw, list: change(draw.list), seats: 5, slotId, closedAt })).toContain(problem);
  });

  test('a published list parses back to what was drawn', () => {
    const list = canonicalList(slotId, closedAt, applicants(3));
    expect(parseList(list)).toEqual({ slotId, closedAt, entries: applicants(3).map(({ ticket, weight }) => ({ ticket, weight })) });
    expect(parseList('not a list')).toBeNull();
  });

  test('weight 2 (no recent no-shows) is drawn ahead of weight 1 about two times in three', () => {
    let ahead = 0;
    for (let i = 0; i < 600; i++) {
      const [first] = drawOrder(`seed-${i}`, [
        { ticket: 'A', weight: 2 },
        { ticket: 'B', weight: 1 },
      ]);
      if (first.ticket === 'A') ahead++;
    }
    expect(ahead / 600).toBeGreaterThan(0.6);
    expect(ahead / 600).toBeLessThan(0.73);
  });

  test('tickets are 8 characters easy to read out on the phone', () => {
    const ticket = newTicket(() => 0.5);
    expect(ticket).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});

describe("a slot's moments follow its service's rules", () => {
  const lunch = DEMO_SERVICES.find((s) => s.id === 'svc-lunch')!;
  const start = Date.parse('2026-12-02T11:30:00+08:00');
  test('lunch: booking closes and cancelling ends at 16:00 the day before; held-back seats round down', () => {
    const times = slotTimes(lunch.rules, start);
    expect(times.closesAt).toBe(new Date(Date.parse('2026-12-01T16:00:00+08:00')).toISOString());
    expect(times.cancelBy).toBe(times.closesAt);
    expect(heldBackSeats(30, lunch.rules)).toBe(Math.floor((30 * lunch.rules.reservedPercent) / 100));
    expect(heldBackSeats(1, { reservedPercent: 20, allocation: 'first_come' })).toBe(0);
    expect(deadlineAt({ hoursBefore: 24 }, start)).toBe(start - 24 * 3_600_000);
  });
});

describe('no-shows count only when confirmed, and forgive with time', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const daysAgo = (d: number, excused = false) => ({ at: new Date(now - d * 86_400_000).toISOString(), excused });
  test.each([
    ['none', [], 2, 4],
    ['two in 90 days', [daysAgo(10), daysAgo(40)], 2, 4],
    ['three in 90 days, the third 10 days ago: restricted', [daysAgo(10), daysAgo(40), daysAgo(80)], 1, 2],
    ['three, one of them excused by the grid worker', [daysAgo(10), daysAgo(40, true), daysAgo(80)], 2, 4],
    ['three in 90 days, but the third was 31 days ago: the 30 days have passed', [daysAgo(31), daysAgo(50), daysAgo(60)], 2, 4],
    ['three spread over more than 90 days', [daysAgo(5), daysAgo(60), daysAgo(100)], 2, 4],
  ])('%s', (_name, records, weight, perMonth) => {
    const standing = noShowStanding(records, now);
    expect(standing.weight).toBe(weight);
    expect(effectiveQuota({ active: 1, perMonth: 4 }, standing).perMonth).toBe(perMonth);
  });
});

describe('check-in is open from an hour before the start until the end (the roster and the API ask the same predicate)', () => {
  const slot = { start: '2026-11-30T01:00:00.000Z', end: '2026-11-30T01:30:00.000Z' };
  test.each([
    ['2026-11-29T23:59:59.999Z', false],
    ['2026-11-30T00:00:00.000Z', true],
    ['2026-11-30T01:29:59.999Z', true],
    ['2026-11-30T01:30:00.000Z', false],
  ])('at %s: %s', (at, open) => {
    expect(isCheckInOpen(slot, Date.parse(at))).toBe(open);
  });
});
