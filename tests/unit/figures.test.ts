import {
  categoriesOf,
  changeBetween,
  contributionOf,
  figureFacts,
  figuresOf,
  type FigureTimeline,
  type FigureWishFields,
  monthsUpTo,
  rateOf,
  sumTallies,
  type Tally,
} from '../../shared/domain/figures';
import type { FigureEvent } from '../../shared/schemas/figures';

/**
 * The figures' definitions (docs/figures.md), one wish at a time: each row a wish and its timeline, and what it
 * contributes, worked out by hand from the definitions, not from the code.
 */

const CREATED = '2026-11-10T01:00:00.000Z'; // 09:00 Beijing, a Tuesday
const DONE_BY = '2026-11-13T01:00:00.000Z'; // three working days later
const GRID = 'g-gucheng-1';
const TEAM = 't-gc-nengren';
const OTHER = 't-gc-lexiujiang';

const wish = (extra: Partial<FigureWishFields> = {}): FigureWishFields => ({
  id: 'w1',
  status: 'submitted',
  category: 'cat-electric',
  createdAt: CREATED,
  gridId: GRID,
  communityId: 'c-gucheng',
  streetId: 'st-beidajie',
  teamId: null,
  rating: null,
  doneAt: null,
  doneBy: DONE_BY,
  filedBy: null,
  ...extra,
});

type E = Partial<FigureEvent> & Pick<FigureEvent, 'action'>;
/** Events in order; a person unless said, submitted by the resident first. */
const timeline = (...events: E[]): FigureTimeline =>
  [{ action: 'submit', actorRole: 'resident', doneBy: DONE_BY } as E, ...events].map((e, i) => ({
    seq: i + 1,
    actorRole: 'gridWorker',
    note: null,
    ...e,
  })) as FigureTimeline;

const sys = (action: FigureEvent['action'], extra: Partial<FigureEvent> = {}): E => ({ action, actorRole: 'system', ...extra });
const autoRoute = sys('route', { team: TEAM });
const claim: E = { action: 'claim', actorRole: 'volunteer', team: TEAM };
const start: E = { action: 'start', actorRole: 'volunteer', team: TEAM };
const complete: E = { action: 'complete', actorRole: 'volunteer', team: TEAM };
const confirm: E = { action: 'confirm', actorRole: 'resident', team: TEAM };
const worked = [autoRoute, claim, start, complete];

/** The figures and counts of a tally, without the report's categories (tested on their own below). */
const figureKeys = (t: Tally): Tally => Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('cat_')));
const gridTally = (w: FigureWishFields, t: FigureTimeline): Tally =>
  figureKeys(contributionOf(w, t).cells.find((c) => c.scope === 'grid')!.tally);
/** A cell's figure marks, without the counts' lists (tested on their own below). */
const marks = (w: FigureWishFields, t: FigureTimeline, scope = 'grid', id = GRID) =>
  contributionOf(w, t)
    .cells.find((c) => c.scope === scope && c.id === id)
    ?.marks.filter((m) => !m.startsWith('c_'))
    .sort();

const doneIn = '2026-11-11T08:00:00.000Z';
const doneLate = '2026-11-16T08:00:00.000Z';

describe('what one wish contributes, by hand', () => {
  const rows: [string, FigureWishFields, FigureTimeline, Tally][] = [
    [
      'confirmed with 5: responded in time, solved, satisfied, on time, no rework, routed once',
      wish({ status: 'confirmed', teamId: TEAM, rating: 5, doneAt: doneIn }),
      timeline(...worked, confirm),
      {
        response_n: 1,
        response_d: 1,
        resolution_n: 1,
        resolution_d: 1,
        satisfaction_n: 1,
        satisfaction_d: 1,
        onTime_n: 1,
        onTime_d: 1,
        rework_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_confirmed: 1,
      },
    ],
    [
      'confirmed with 2: a rating given, not a satisfied one',
      wish({ status: 'confirmed', teamId: TEAM, rating: 2, doneAt: doneIn }),
      timeline(...worked, confirm),
      {
        response_n: 1,
        response_d: 1,
        resolution_n: 1,
        resolution_d: 1,
        satisfaction_d: 1,
        onTime_n: 1,
        onTime_d: 1,
        rework_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_confirmed: 1,
      },
    ],
    [
      'auto-confirmed: solved, shown apart, no rating counted',
      wish({ status: 'confirmed', teamId: TEAM, doneAt: doneIn }),
      timeline(...worked, sys('auto_confirm')),
      {
        response_n: 1,
        response_d: 1,
        resolution_n: 1,
        resolution_d: 1,
        onTime_n: 1,
        onTime_d: 1,
        rework_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_autoConfirmed: 1,
      },
    ],
    [
      'closed unfixed by the grid worker: a response in time, not a solution',
      wish({ status: 'closed_unfixed' }),
      timeline({ action: 'close' }),
      { response_n: 1, response_d: 1, resolution_d: 1, c_submitted: 1, c_closedUnfixed: 1 },
    ],
    [
      'rejected by the grid worker: a response, in the resolution denominator',
      wish({ status: 'rejected' }),
      timeline({ action: 'reject' }),
      { response_n: 1, response_d: 1, resolution_d: 1, c_submitted: 1, c_rejected: 1 },
    ],
    [
      'rejected by the operator as abuse: in no figure, counted as removed',
      wish({ status: 'rejected' }),
      timeline({ action: 'reject', actorRole: 'admin' }),
      { c_submitted: 1, c_removed: 1 },
    ],
    [
      'merged into another: counted there, here only as merged',
      wish({ status: 'merged', teamId: TEAM }),
      timeline(autoRoute, { action: 'merge' }),
      { c_merged: 1 },
    ],
    [
      'disputed, then confirmed: rework, and still solved',
      wish({ status: 'confirmed', teamId: TEAM, rating: 4, doneAt: doneIn }),
      timeline(...worked, { action: 'dispute', actorRole: 'resident' }, complete, confirm),
      {
        response_n: 1,
        response_d: 1,
        resolution_n: 1,
        resolution_d: 1,
        satisfaction_n: 1,
        satisfaction_d: 1,
        onTime_n: 1,
        onTime_d: 1,
        rework_n: 1,
        rework_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_confirmed: 1,
      },
    ],
    [
      'sent back by the team, routed by hand to another: two routings, one send-back; the claim is the first response',
      wish({ status: 'routed', teamId: OTHER }),
      timeline(autoRoute, { action: 'send_back', actorRole: 'volunteer', team: TEAM }, { action: 'route', team: OTHER }),
      // The send-back is a volunteer's act but not a response; routing by hand is, within the claim stage.
      { response_n: 1, response_d: 1, sendBack_n: 1, sendBack_d: 2, c_submitted: 1, c_open: 1 },
    ],
    [
      'escalated by tick at the end of the claim stage, claimed afterwards: responded, late',
      wish({ status: 'claimed', teamId: TEAM }),
      timeline(autoRoute, sys('escalate', { clock: 'claim' }), claim),
      { response_d: 1, sendBack_d: 1, c_submitted: 1, c_open: 1, c_escalated: 1 },
    ],
    [
      'in triage past the 派单 stage with nobody acting: a missed response before anyone acts',
      wish({ status: 'submitted' }),
      timeline(sys('escalate', { clock: 'route' })),
      { response_d: 1, c_submitted: 1, c_open: 1, c_escalated: 1 },
    ],
    [
      'open past its done deadline: counted against resolution and on-time',
      wish({ status: 'in_progress', teamId: TEAM }),
      timeline(autoRoute, claim, start, sys('escalate', { clock: 'done' })),
      {
        response_n: 1,
        response_d: 1,
        resolution_d: 1,
        onTime_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_open: 1,
        c_openOverdue: 1,
        c_escalated: 1,
      },
    ],
    [
      'past its deadline at the street (overdue, no escalation): the same',
      wish({ status: 'submitted' }),
      timeline({ action: 'escalate' }, { action: 'escalate' }, sys('overdue', { clock: 'done' })),
      { resolution_d: 1, onTime_d: 1, c_submitted: 1, c_open: 1, c_openOverdue: 1, c_escalated: 1 },
    ],
    [
      'extended, done after the original deadline within the extension: late, shown apart',
      wish({ status: 'done', teamId: TEAM, doneAt: doneLate, doneBy: '2026-11-20T01:00:00.000Z' }),
      timeline(autoRoute, claim, start, { action: 'extend_deadline', doneBy: DONE_BY }, complete),
      {
        response_n: 1,
        response_d: 1,
        onTime_d: 1,
        rework_d: 1,
        sendBack_d: 1,
        c_submitted: 1,
        c_open: 1,
        c_extended: 1,
        c_doneInExtension: 1,
      },
    ],
    [
      'filed by the grid worker and resolved on the spot: by proxy, a response, done on time',
      wish({ status: 'done', doneAt: doneIn, filedBy: { userId: 'u-grid-sun', name: '孙丽', consentAt: CREATED } }),
      timeline({ action: 'resolve' }),
      { response_n: 1, response_d: 1, onTime_n: 1, onTime_d: 1, rework_d: 1, c_submitted: 1, c_byProxy: 1, c_open: 1 },
    ],
    [
      'raised to the council by staff: counted as raised, not as a response',
      wish({ status: 'submitted' }),
      timeline({ action: 'council', actorRole: 'staff' }),
      { c_submitted: 1, c_open: 1, c_council: 1 },
    ],
    [
      'an escalation tick wrote before events said which clock: read from its note',
      wish({ status: 'claimed', teamId: TEAM }),
      timeline(autoRoute, sys('escalate', { note: '「认领」已超时,已上报社区' }), claim),
      { response_d: 1, sendBack_d: 1, c_submitted: 1, c_open: 1, c_escalated: 1 },
    ],
    ['just submitted, nothing yet: counted as submitted and open only', wish(), timeline(), { c_submitted: 1, c_open: 1 }],
  ];

  test.each(rows)('%s', (_name, w, t, expected) => {
    expect(gridTally(w, t)).toEqual(expected);
  });

  test('the drill-down marks follow the figures: n counted for, m missing from the numerator', () => {
    const w = wish({ status: 'confirmed', teamId: TEAM, rating: 2, doneAt: doneIn });
    expect(marks(w, timeline(...worked, confirm))).toEqual([
      'onTime:n',
      'resolution:n',
      'response:n',
      'rework:m',
      'satisfaction:m',
      'sendBack:m',
    ]);
  });

  test('the team that holds a wish counts it whole; a team that sent it back only its send-back', () => {
    const w = wish({ status: 'routed', teamId: OTHER });
    const c = contributionOf(
      w,
      timeline(autoRoute, { action: 'send_back', actorRole: 'volunteer', team: TEAM }, { action: 'route', team: OTHER }),
    );
    expect(c.cells.map((x) => [x.scope, x.id, figureKeys(x.tally)])).toEqual([
      ['grid', GRID, { response_n: 1, response_d: 1, sendBack_n: 1, sendBack_d: 2, c_submitted: 1, c_open: 1 }],
      ['team', OTHER, { response_n: 1, response_d: 1, c_submitted: 1, c_open: 1, sendBack_d: 1 }],
      ['team', TEAM, { sendBack_n: 1, sendBack_d: 1 }],
    ]);
  });

  test('the system sending a wish back (an agreement ended) is no send-back of the team', () => {
    const w = wish({ status: 'submitted' });
    expect(gridTally(w, timeline(autoRoute, sys('send_back', { team: TEAM })))).toEqual({ sendBack_d: 1, c_submitted: 1, c_open: 1 });
  });

  test('a wish belongs to the month of its submission in Beijing time', () => {
    expect(contributionOf(wish({ createdAt: '2026-10-31T16:30:00.000Z' }), timeline()).month).toBe('2026-11');
    expect(contributionOf(wish({ createdAt: '2026-10-31T15:59:00.000Z' }), timeline()).month).toBe('2026-10');
  });
});

describe('the facts recorded on each event as it is written', () => {
  const before = { teamId: TEAM, doneBy: DONE_BY, escalated: [] as string[] };
  test('a send-back names the team it leaves; a route the team it goes to', () => {
    expect(figureFacts(before, { ...before, teamId: null }, { action: 'send_back', actorRole: 'volunteer' })).toEqual({
      team: TEAM,
      doneBy: DONE_BY,
    });
    expect(figureFacts({ ...before, teamId: null }, { ...before, teamId: OTHER }, { action: 'route', actorRole: 'gridWorker' }).team).toBe(
      OTHER,
    );
  });
  test('an extension records the deadline it replaced; a submission has no team', () => {
    expect(
      figureFacts(before, { ...before, doneBy: '2026-11-20T01:00:00.000Z' }, { action: 'extend_deadline', actorRole: 'gridWorker' }).doneBy,
    ).toBe(DONE_BY);
    expect(figureFacts(null, before, { action: 'submit', actorRole: 'resident' })).toEqual({ team: null, doneBy: DONE_BY });
  });
  test("the clock's own event names the clock whose run it marked", () => {
    const after = { ...before, escalated: ['claim@2026-11-10T01:00:00.000Z'] };
    expect(figureFacts(before, after, { action: 'escalate', actorRole: 'system' }).clock).toBe('claim');
    expect(figureFacts(before, { ...before, escalated: ['done@x'] }, { action: 'overdue', actorRole: 'system' }).clock).toBe('done');
    expect(figureFacts(before, after, { action: 'escalate', actorRole: 'gridWorker' }).clock).toBeUndefined();
  });
});

describe('counting changes, reading figures', () => {
  test('a confirmation moves the wish from missing to counted, and the counters by the difference', () => {
    const open = wish({ status: 'done', teamId: TEAM, doneAt: doneIn });
    const done = wish({ status: 'confirmed', teamId: TEAM, doneAt: doneIn, rating: 5 });
    const before = contributionOf(open, timeline(...worked, sys('escalate', { clock: 'done' })));
    const after = contributionOf(done, timeline(...worked, sys('escalate', { clock: 'done' }), confirm));
    const [grid] = changeBetween(before, after);
    expect(grid).toEqual({
      scope: 'grid',
      id: GRID,
      add: {
        resolution_n: 1,
        satisfaction_n: 1,
        satisfaction_d: 1,
        c_confirmed: 1,
        c_open: -1,
        c_openOverdue: -1,
        'cat_cat-electric_r': 1,
      },
      put: ['resolution:n', 'satisfaction:n', 'c_confirmed:n'],
      drop: ['resolution:m', 'c_open:n', 'c_openOverdue:n'],
    });
  });

  test('nothing counted before: everything is added; nothing changed: no change', () => {
    const c = contributionOf(wish(), timeline());
    expect(changeBetween(null, c)).toEqual([
      {
        scope: 'grid',
        id: GRID,
        add: { c_submitted: 1, c_open: 1, 'cat_cat-electric_s': 1 },
        put: ['c_submitted:n', 'c_open:n'],
        drop: [],
      },
    ]);
    expect(changeBetween(c, c)).toEqual([]);
  });

  test('a figure is its numerator, denominator and rate; no denominator, no rate', () => {
    const { figures, counts } = figuresOf(
      sumTallies([
        { response_n: 2, response_d: 3, c_open: 1 },
        { response_d: 1, c_open: 2 },
      ]),
    );
    expect(figures.response).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(figures.satisfaction).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(counts.open).toBe(3);
    expect(rateOf(2, 3)).toBe(0.6667);
  });

  test('months back from one, across a year', () => {
    expect(monthsUpTo('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('every count opens to its wishes; the report counts by category', () => {
  const countMarks = (w: FigureWishFields, t: FigureTimeline) =>
    contributionOf(w, t)
      .cells.find((c) => c.scope === 'grid')!
      .marks.filter((m) => m.startsWith('c_'))
      .sort();

  test('a wish is listed under each count it is counted in, and only those', () => {
    const late = wish({ status: 'in_progress', teamId: TEAM });
    expect(countMarks(late, timeline(...worked.slice(0, 3), sys('escalate', { clock: 'done' })))).toEqual([
      'c_escalated:n',
      'c_open:n',
      'c_openOverdue:n',
      'c_submitted:n',
    ]);
    const proxy = wish({
      status: 'confirmed',
      teamId: TEAM,
      rating: 5,
      doneAt: doneIn,
      filedBy: { userId: 'u', name: '孙丽', consentAt: CREATED },
    });
    expect(countMarks(proxy, timeline(...worked, confirm))).toEqual(['c_byProxy:n', 'c_confirmed:n', 'c_submitted:n']);
    expect(countMarks(wish({ status: 'merged' }), timeline())).toEqual(['c_merged:n']);
  });

  test('received and resolved per category, summed over wishes; a merged wish is in neither', () => {
    const t = (w: FigureWishFields, tl: FigureTimeline) => contributionOf(w, tl).cells[0].tally;
    const sum = sumTallies([
      t(wish({ status: 'confirmed', teamId: TEAM, rating: 5, doneAt: doneIn }), timeline(...worked, confirm)),
      t(wish({ status: 'routed', teamId: TEAM }), timeline(autoRoute)),
      t(wish({ status: 'closed_unfixed', category: 'cat-other' }), timeline({ action: 'close' })),
      t(wish({ status: 'merged', category: 'cat-other' }), timeline()),
    ]);
    expect(categoriesOf(sum)).toEqual([
      { category: 'cat-electric', received: 2, resolved: 1 },
      { category: 'cat-other', received: 1, resolved: 0 },
    ]);
    // Categories are beside the figures, never in them.
    expect(figuresOf(sum).counts.submitted).toBe(3);
  });
});
