import { AppError } from '../../shared/errors';
import {
  allowedCouncilActions,
  assertMeetingHeld,
  assertNotice,
  assertObjectionWindow,
  assertPlanRoom,
  assertSupported,
  assertTasksFinished,
  assertVotesWithin,
  decide,
  isTopicEnded,
  meetingOutcome,
  quorumOf,
} from '../../shared/domain/council-machine';
import {
  COUNCIL_ACTIONS,
  COUNCIL_ROLES,
  COUNCIL_STEPS,
  type CouncilAction,
  type CouncilMember,
  type CouncilRole,
  type CouncilStep,
} from '../../shared/schemas/council';

/**
 * Who may move each step, as the issue states it (七步议事法), written out as the only allowed moves: every
 * other state × action × role is refused, 403 when the role may never take the action, 409 when the role may
 * but the topic is at another step.
 */
const R: CouncilRole[] = ['resident', 'gridWorker', 'staff'];
const ALLOWED: [CouncilAction, CouncilRole[], CouncilStep, CouncilStep | 'by outcome'][] = [
  // 1 收集意见: residents (or a grid worker / staff for them) give opinions and support it.
  ['opine', R, 'collecting', 'collecting'],
  ['support', R, 'collecting', 'collecting'],
  // 2 确认议题: staff confirm or decline.
  ['confirm', ['staff'], 'collecting', 'drafting'],
  ['decline', ['staff'], 'collecting', 'declined'],
  // 3 制定方案: staff add plans, residents comment on them; a topic that cannot be agreed may still be declined.
  ['add_plan', ['staff'], 'drafting', 'drafting'],
  ['opine', R, 'drafting', 'drafting'],
  ['decline', ['staff'], 'drafting', 'declined'],
  // 4 发布公告
  ['notice', ['staff'], 'drafting', 'noticed'],
  // Residents (or a grid worker / staff for them) register to attend the noticed meeting as observers (列席).
  ['attend', R, 'noticed', 'noticed'],
  // 5 组织协商
  ['meeting', ['staff'], 'noticed', 'by outcome'],
  // 6 结果运用: staff create tasks; a task's owner (staff or grid worker) finishes it.
  ['add_task', ['staff'], 'applying', 'applying'],
  ['finish_task', ['staff', 'gridWorker'], 'applying', 'applying'],
  ['publish', ['staff'], 'applying', 'published'],
  // 7 反馈公示: objections within the window, answered by staff; then the clock closes it.
  ['object', R, 'published', 'published'],
  ['answer', ['staff'], 'published', 'published'],
  ['close', ['system'], 'published', 'closed'],
  // A resident proposal without its supports after collectDays.
  ['lapse', ['system'], 'collecting', 'lapsed'],
];

const expected = (step: CouncilStep, action: CouncilAction, role: CouncilRole): string => {
  const allowed = ALLOWED.find(([a, roles, from]) => a === action && roles.includes(role) && from === step);
  if (allowed) return allowed[3] === 'by outcome' ? 'drafting / applying' : allowed[3];
  return ALLOWED.some(([a, roles]) => a === action && roles.includes(role)) ? '409 WRONG_STEP' : '403 FORBIDDEN';
};

const actual = (step: CouncilStep, action: CouncilAction, role: CouncilRole): string => {
  try {
    if (action === 'meeting') {
      const [quorate, agreed] = [decide(step, action, role, 'no_quorum'), decide(step, action, role, 'adopted')];
      return `${quorate} / ${agreed}`;
    }
    return decide(step, action, role);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.code === 'FORBIDDEN' ? 403 : 409} ${error.code}`;
  }
};

describe('the council machine: every step × action × role', () => {
  const cases = COUNCIL_STEPS.flatMap((step) =>
    COUNCIL_ACTIONS.flatMap((action) => COUNCIL_ROLES.map((role) => [step, action, role] as const)),
  );

  test(`covers ${COUNCIL_STEPS.length} steps × ${COUNCIL_ACTIONS.length} actions × ${COUNCIL_ROLES.length} roles`, () => {
    expect(cases).toHaveLength(8 * 15 * 4);
  });

  test.each(cases)('%s · %s · %s', (step, action, role) => {
    expect(actual(step, action, role)).toBe(expected(step, action, role));
  });
});

describe('the lives of a topic', () => {
  const drive = (moves: [CouncilAction, CouncilRole, ('adopted' | 'no_quorum' | 'no_agreement')?][]): CouncilStep => {
    let step: CouncilStep = 'collecting';
    for (const [action, role, outcome] of moves) step = decide(step, action, role, outcome);
    return step;
  };

  test('the seven steps, with a 流会 and a second notice', () => {
    expect(
      drive([
        ['opine', 'resident'],
        ['support', 'gridWorker'],
        ['confirm', 'staff'],
        ['add_plan', 'staff'],
        ['add_plan', 'staff'],
        ['notice', 'staff'],
        ['meeting', 'staff', 'no_quorum'],
        ['notice', 'staff'],
        ['meeting', 'staff', 'adopted'],
        ['add_task', 'staff'],
        ['finish_task', 'gridWorker'],
        ['publish', 'staff'],
        ['object', 'resident'],
        ['answer', 'staff'],
        ['close', 'system'],
      ]),
    ).toBe('closed');
  });

  test('no agreement goes back to drafting, where the topic may be declined', () => {
    expect(
      drive([
        ['confirm', 'staff'],
        ['add_plan', 'staff'],
        ['notice', 'staff'],
        ['meeting', 'staff', 'no_agreement'],
        ['decline', 'staff'],
      ]),
    ).toBe('declined');
  });

  test('a resident proposal lapses; an ended topic takes no action at all', () => {
    expect(drive([['lapse', 'system']])).toBe('lapsed');
    for (const end of COUNCIL_STEPS.filter(isTopicEnded)) {
      expect(allowedCouncilActions(end, COUNCIL_ROLES)).toEqual([]);
    }
    expect(COUNCIL_STEPS.filter(isTopicEnded)).toEqual(['closed', 'declined', 'lapsed']);
  });

  test('what each viewer is offered at a step', () => {
    expect(allowedCouncilActions('collecting', ['resident'])).toEqual(['opine', 'support']);
    expect(allowedCouncilActions('collecting', ['staff'])).toEqual(['opine', 'support', 'confirm', 'decline']);
    expect(allowedCouncilActions('applying', ['gridWorker'])).toEqual(['finish_task']);
    expect(allowedCouncilActions('published', ['resident'])).toEqual(['object']);
  });
});

const code = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
};

const member = (id: string, kind: CouncilMember['kind']): CouncilMember => ({
  id,
  kind,
  userId: null,
  name: id,
  organisation: null,
  phone: null,
});
const ROSTER = [
  member('r1', 'representative'),
  member('r2', 'representative'),
  member('r3', 'representative'),
  member('h1', 'building_head'),
  member('p', 'property'),
  member('o', 'owners_committee'),
];

describe('the checks of the steps', () => {
  const DAY = 86_400_000;
  const now = Date.parse('2026-12-01T02:00:00Z');

  test('a notice needs noticeDays whole days, a plan and someone to invite', () => {
    const base = { nowMs: now, noticeDays: 3, plans: 2, invited: 4 };
    expect(code(() => assertNotice({ ...base, meetingAtMs: now + 2 * DAY }))).toBe('NOTICE_TOO_SHORT');
    expect(code(() => assertNotice({ ...base, meetingAtMs: now + 3 * DAY - 1 }))).toBe('NOTICE_TOO_SHORT');
    expect(code(() => assertNotice({ ...base, meetingAtMs: now + 3 * DAY }))).toBe('ok');
    expect(code(() => assertNotice({ ...base, noticeDays: 5, meetingAtMs: now + 4 * DAY }))).toBe('NOTICE_TOO_SHORT');
    expect(code(() => assertNotice({ ...base, plans: 0, meetingAtMs: now + 9 * DAY }))).toBe('WRONG_STEP');
    expect(code(() => assertNotice({ ...base, invited: 0, meetingAtMs: now + 9 * DAY }))).toBe('WRONG_STEP');
  });

  test('quorum: more than half of the representatives and building heads; organisations do not count', () => {
    const majority = { rule: 'majority' } as const;
    expect(quorumOf(ROSTER, ['r1', 'r2', 'p', 'o'], majority)).toEqual({ invited: 4, present: 2, needed: 3, quorate: false });
    expect(quorumOf(ROSTER, ['r1', 'r2', 'h1'], majority)).toEqual({ invited: 4, present: 3, needed: 3, quorate: true });
    expect(quorumOf(ROSTER, ['r1', 'r2'], { rule: 'at_least', count: 2 }).quorate).toBe(true);
    expect(quorumOf(ROSTER.slice(0, 3), ['r1'], majority)).toEqual({ invited: 3, present: 1, needed: 2, quorate: false });
    expect(quorumOf([member('p', 'property')], ['p'], majority).quorate).toBe(false);
  });

  test('a meeting: 流会 without quorum whatever was written; adopted only with more for than against', () => {
    const planIds = ['a', 'b'];
    const votes = [
      { planId: 'a', for: 5, against: 1, abstain: 0 },
      { planId: 'b', for: 2, against: 4, abstain: 0 },
    ];
    expect(meetingOutcome({ quorate: false, planIds, votes, adoptedPlanId: 'a' })).toBe('no_quorum');
    expect(meetingOutcome({ quorate: true, planIds, votes })).toBe('no_agreement');
    expect(meetingOutcome({ quorate: true, planIds, votes, adoptedPlanId: 'a' })).toBe('adopted');
    expect(code(() => meetingOutcome({ quorate: true, planIds, votes, adoptedPlanId: 'b' }))).toBe('VALIDATION_FAILED');
    expect(code(() => meetingOutcome({ quorate: true, planIds, votes, adoptedPlanId: 'c' }))).toBe('VALIDATION_FAILED');
    expect(code(() => meetingOutcome({ quorate: true, planIds, votes: [], adoptedPlanId: 'a' }))).toBe('VALIDATION_FAILED');
    expect(code(() => meetingOutcome({ quorate: true, planIds, votes: [{ ...votes[0], planId: 'x' }] }))).toBe('VALIDATION_FAILED');
  });

  test('no plan has more votes than people present (members marked present and residents counted)', () => {
    const vote = (f: number, a: number, b: number) => ({ planId: 'a', for: f, against: a, abstain: b });
    expect(code(() => assertVotesWithin([vote(10, 3, 2)], 15))).toBe('ok');
    expect(code(() => assertVotesWithin([vote(10, 3, 3)], 15))).toBe('VALIDATION_FAILED');
    expect(code(() => assertVotesWithin([vote(0, 0, 0), { ...vote(1, 0, 0), planId: 'b' }], 0))).toBe('VALIDATION_FAILED');
    expect(code(() => assertVotesWithin([], 0))).toBe('ok');
  });

  test('a meeting is recorded once it has begun', () => {
    expect(code(() => assertMeetingHeld(now, now + 1))).toBe('MEETING_NOT_HELD');
    expect(code(() => assertMeetingHeld(now, now))).toBe('ok');
  });

  test('every task done or closed before publishing', () => {
    expect(code(() => assertTasksFinished(['done', 'open', 'closed']))).toBe('TASKS_OPEN');
    expect(code(() => assertTasksFinished(['done', 'closed']))).toBe('ok');
    expect(code(() => assertTasksFinished([]))).toBe('ok');
  });

  test('objections within publicDays only', () => {
    const until = new Date(now + 7 * DAY).toISOString();
    expect(code(() => assertObjectionWindow(now + 7 * DAY - 1, until))).toBe('ok');
    expect(code(() => assertObjectionWindow(now + 7 * DAY, until))).toBe('WRONG_STEP');
    expect(code(() => assertObjectionWindow(now, null))).toBe('WRONG_STEP');
  });

  test('a resident proposal is confirmed only with its supports; staff and wish topics need none', () => {
    expect(code(() => assertSupported({ origin: 'resident', supporters: 9, supportThreshold: 10 }))).toBe('THRESHOLD_NOT_MET');
    expect(code(() => assertSupported({ origin: 'resident', supporters: 10, supportThreshold: 10 }))).toBe('ok');
    expect(code(() => assertSupported({ origin: 'wishes', supporters: 0, supportThreshold: null }))).toBe('ok');
    expect(code(() => assertSupported({ origin: 'staff', supporters: 0, supportThreshold: null }))).toBe('ok');
  });

  test('at most five plans', () => {
    expect(code(() => assertPlanRoom(4))).toBe('ok');
    expect(code(() => assertPlanRoom(5))).toBe('WRONG_STEP');
  });
});
