import { calendarYearFromPackage } from '../../scripts/calendar-data';
import { dueActions, slaView, warnId, type ClockContext } from '../../shared/domain/sla';
import { applySystemAction } from '../../shared/domain/wish-transition';
import type { Calendar } from '../../shared/domain/working-time';
import { DEFAULT_SLA, type Level } from '../../shared/schemas/sla';
import type { Wish } from '../../shared/schemas/wishes';

const calendar: Calendar = new Map([[2026, calendarYearFromPackage(2026, '2026-11-22T00:00:00.000Z')!]]);
/** Beijing wall time → ISO instant. */
const bj = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const ctx = (now: string): ClockContext => ({ limits: DEFAULT_SLA, calendar, now: Date.parse(bj(now)) });

type Timed = Parameters<typeof dueActions>[0];
const wish = (over: Partial<Timed>): Timed => ({
  status: 'submitted',
  urgency: 'normal',
  createdAt: bj('2026-11-23 09:00'),
  triageSince: null,
  routedAt: null,
  claimedAt: null,
  doneAt: null,
  leaseUntil: null,
  doneBy: null,
  escalated: [],
  level: 'grid',
  ...over,
});
const kinds = (w: Timed, now: string) => dueActions(w, ctx(now)).map((d) => (d.kind === 'escalate' ? `escalate→${d.to}` : d.kind));

/** Each stage's clock, read at moments a grid worker would look: green, yellow at 75 %, red and escalated at 100 %. */
describe('each stage turns yellow at three quarters of its limit and red at the limit', () => {
  test.each([
    ['route (30 working min), posted Monday 09:00', wish({}), '2026-11-23 09:22', '2026-11-23 09:23', '2026-11-23 09:30'],
    [
      'route, urgent (10 calendar min), posted at 03:00 on a Sunday',
      wish({ urgency: 'urgent', createdAt: bj('2026-11-22 03:00') }),
      '2026-11-22 03:07',
      '2026-11-22 03:08',
      '2026-11-22 03:10',
    ],
    [
      'claim (1 working day), routed Friday 10:00: red Monday 10:00',
      wish({ status: 'routed', createdAt: bj('2026-11-27 10:00'), routedAt: bj('2026-11-27 10:00') }),
      '2026-11-27 17:14',
      '2026-11-27 17:15',
      '2026-11-30 10:00',
    ],
    [
      'claim, urgent (2 calendar hours), routed Saturday 20:00',
      wish({ status: 'routed', urgency: 'urgent', createdAt: bj('2026-11-28 20:00'), routedAt: bj('2026-11-28 20:00') }),
      '2026-11-28 21:29',
      '2026-11-28 21:30',
      '2026-11-28 22:00',
    ],
    [
      'done (3 working days), in progress since Monday 09:00: red Thursday 09:00',
      wish({ status: 'in_progress' }),
      '2026-11-25 10:44',
      '2026-11-25 10:45',
      '2026-11-26 09:00',
    ],
  ])('%s', (_name, w, green, yellow, red) => {
    expect(slaView(w, ctx(green)).sla).toBe('ok');
    expect(slaView(w, ctx(yellow)).sla).toBe('yellow');
    expect(slaView(w, ctx(red)).sla).toBe('red');
    expect(kinds(w, green)).toEqual([]);
    expect(kinds(w, red)).toContain('escalate→community');
    expect(slaView(w, ctx(green)).deadline).toBe(bj(red));
  });
});

describe('escalation goes up one level per clock, and never twice for the same clock', () => {
  const late = '2026-11-23 10:00';
  test.each([
    ['grid', ['escalate→community']],
    ['community', ['escalate→street']],
    ['street', ['note_overdue']],
  ] as const)('a route clock past its limit at the %s level: %j', (level, expected) => {
    expect(kinds(wish({ level: level as Level }), late)).toEqual(expected);
  });

  test('escalated once, the same clock asks for nothing more; a new run of the clock (sent back) can escalate again', () => {
    const due = dueActions(wish({}), ctx(late))[0];
    if (due.kind !== 'escalate') throw new Error(`expected escalate, got ${due.kind}`);
    const full = { ...(wish({}) as Wish), id: 'w-1', version: 3, claimantName: null, updatedAt: bj('2026-11-23 09:00') } as Wish;
    const { wish: after, event } = applySystemAction(
      full,
      { kind: 'escalate', clockId: due.clock.id, clockName: due.clock.name },
      bj(late),
      ctx(late),
    );
    expect([after.level, after.status, event.note]).toEqual(['community', 'submitted', '「派单」已超时,已上报社区']);
    expect(kinds(after, late)).toEqual([]);
    expect(kinds(after, '2026-11-30 10:00')).toEqual(['escalate→street']); // the overall done clock is another clock
    expect(kinds({ ...after, triageSince: bj('2026-11-24 09:00') }, '2026-11-24 09:40')).toEqual(['escalate→street']);
  });

  test("a send-back restarts the route clock but not the resident's overall clock", () => {
    const sentBack = wish({ triageSince: bj('2026-11-25 09:00') });
    expect(slaView(sentBack, ctx('2026-11-25 09:10')).deadline).toBe(bj('2026-11-25 09:30'));
    // Both clocks are due on Thursday: the new route clock, and the overall one still counted from Monday.
    expect(kinds(sentBack, '2026-11-26 09:00')).toEqual(['escalate→community', 'escalate→community']);
  });

  test('an approved extension moves the done clock to the new deadline', () => {
    const extended = wish({ status: 'in_progress', doneBy: bj('2026-12-02 17:30') });
    expect(kinds(extended, '2026-11-26 09:00')).toEqual([]);
    expect(slaView(extended, ctx('2026-11-26 09:00')).deadline).toBe(bj('2026-12-02 17:30'));
    expect(kinds(extended, '2026-12-02 17:30')).toEqual(['escalate→community']);
  });
});

describe('a claim is a lease', () => {
  const claimed = wish({ status: 'claimed', claimedAt: bj('2026-11-23 09:00') });
  test('4 working hours from Monday 09:00: warned at 12:00 (three quarters), released at 15:00', () => {
    expect(kinds(claimed, '2026-11-23 11:59')).toEqual([]);
    expect(kinds(claimed, '2026-11-23 12:00')).toEqual(['warn_lease']);
    const warned = {
      ...claimed,
      escalated: dueActions(claimed, ctx('2026-11-23 12:00')).map((d) => (d.kind === 'warn_lease' ? warnId(d.clock) : '')),
    };
    expect(kinds(warned, '2026-11-23 14:59')).toEqual([]);
    expect(kinds(warned, '2026-11-23 15:00')).toEqual(['expire_lease']);
    expect(slaView(claimed, ctx('2026-11-23 10:00')).deadline).toBe(bj('2026-11-23 15:00'));
  });

  test('an extended lease runs to its new end', () => {
    const extended = { ...claimed, leaseUntil: bj('2026-11-24 12:00') };
    expect(kinds(extended, '2026-11-23 15:00')).toEqual([]);
    expect(kinds(extended, '2026-11-24 12:00')).toEqual(['expire_lease']);
  });

  test('the release puts the wish back to the team, with a fresh claim clock and the claimant cleared', () => {
    const full = {
      ...(claimed as Wish),
      id: 'w-1',
      version: 5,
      claimantId: 'u-vol',
      claimantName: '刘建军',
      teamId: 't-1',
      updatedAt: bj('2026-11-23 09:00'),
    } as Wish;
    const { wish: after, event } = applySystemAction(full, { kind: 'expire_lease' }, bj('2026-11-23 15:00'), ctx('2026-11-23 15:00'));
    expect([after.status, after.claimantId, after.teamId, after.routedAt, event.actorRole]).toEqual([
      'routed',
      null,
      't-1',
      bj('2026-11-23 15:00'),
      'system',
    ]);
    expect(event.note).toContain('刘建军');
  });
});

describe('a done wish is confirmed for a silent resident after 7 calendar days', () => {
  const done = wish({ status: 'done', doneAt: bj('2026-11-23 10:00') });
  test.each([
    ['2026-11-30 09:59', []],
    ['2026-11-30 10:00', ['auto_confirm']],
  ])('at %s: %j', (now, expected) => {
    expect(kinds(done, now)).toEqual(expected);
  });
});

describe('working time follows the calendar, not the weekday', () => {
  test.each([
    ['posted on a New Year holiday, Friday 2 January 17:00: the make-up Sunday 4 January counts', '2026-01-02 17:00', '2026-01-04 09:00'],
    ['posted on National Day, 1 October 10:00: nothing counts until the 8th', '2026-10-01 10:00', '2026-10-08 09:00'],
    ['posted on an ordinary Saturday evening: Monday morning', '2026-11-28 19:00', '2026-11-30 09:00'],
  ])('%s', (_name, posted, routeLimit) => {
    const w = wish({ createdAt: bj(posted) });
    expect(slaView(w, ctx(posted)).deadline).toBe(bj(routeLimit));
  });
});
