import { AppError, forbidden } from '../errors';
import {
  COUNCIL_ACTIONS,
  RESIDENT_MEMBER_KINDS,
  type CouncilAction,
  type CouncilMember,
  type CouncilRole,
  type CouncilStep,
  type MeetingOutcome,
  type Quorum,
  type TaskStatus,
  type Topic,
  type Vote,
} from '../schemas/council';

/**
 * The seven steps of the residents' council (七步议事法) as one state machine: the one place that knows which
 * step follows which action, who may take it, and the checks each step needs. Pure. Services ask it before
 * writing; nobody else compares step strings.
 *
 * `same`: the action adds something (an opinion, a plan, a task) without moving the step. `outcome`: the
 * meeting's outcome decides (adopted → applying; 流会 or no agreement → back to drafting, which needs a new
 * notice). Residents' actions may be taken by a grid worker or staff for a resident, with consent recorded.
 */
const RESIDENTS_AND_FOR_THEM: readonly CouncilRole[] = ['resident', 'gridWorker', 'staff'];

export const COUNCIL_TRANSITIONS: Record<
  CouncilAction,
  { from: readonly CouncilStep[]; to: CouncilStep | 'same' | 'outcome'; who: readonly CouncilRole[] }
> = {
  opine: { from: ['collecting', 'drafting'], to: 'same', who: RESIDENTS_AND_FOR_THEM },
  support: { from: ['collecting'], to: 'same', who: RESIDENTS_AND_FOR_THEM },
  confirm: { from: ['collecting'], to: 'drafting', who: ['staff'] },
  // A topic that cannot be agreed on may be declined after drafting too (no agreement, twice 流会).
  decline: { from: ['collecting', 'drafting'], to: 'declined', who: ['staff'] },
  add_plan: { from: ['drafting'], to: 'same', who: ['staff'] },
  notice: { from: ['drafting'], to: 'noticed', who: ['staff'] },
  meeting: { from: ['noticed'], to: 'outcome', who: ['staff'] },
  add_task: { from: ['applying'], to: 'same', who: ['staff'] },
  // A staff task's owner may be a grid worker; the service checks it is theirs.
  finish_task: { from: ['applying'], to: 'same', who: ['staff', 'gridWorker'] },
  publish: { from: ['applying'], to: 'published', who: ['staff'] },
  object: { from: ['published'], to: 'same', who: RESIDENTS_AND_FOR_THEM },
  attend: { from: ['noticed'], to: 'same', who: RESIDENTS_AND_FOR_THEM },
  answer: { from: ['published'], to: 'same', who: ['staff'] },
  lapse: { from: ['collecting'], to: 'lapsed', who: ['system'] },
  close: { from: ['published'], to: 'closed', who: ['system'] },
};

/** Actions a resident takes for themselves; a grid worker or staff member takes them only for a resident. */
export const RESIDENT_ACTIONS: readonly CouncilAction[] = ['opine', 'support', 'object', 'attend'];
/** Actions only the clock takes; no route accepts them. */
export const CLOCK_ACTIONS: readonly CouncilAction[] = ['lapse', 'close'];

const ENDS: readonly CouncilStep[] = ['closed', 'declined', 'lapsed'];
export const isTopicEnded = (step: CouncilStep): boolean => ENDS.includes(step);
export const isTopicOpen = (step: CouncilStep): boolean => !isTopicEnded(step);

export const mayTake = (role: CouncilRole, action: CouncilAction): boolean => COUNCIL_TRANSITIONS[action].who.includes(role);
export const canMove = (step: CouncilStep, action: CouncilAction): boolean => COUNCIL_TRANSITIONS[action].from.includes(step);

const OUTCOME_STEP: Record<MeetingOutcome, CouncilStep> = { adopted: 'applying', no_quorum: 'drafting', no_agreement: 'drafting' };

/** The step after `action` (for a meeting, after its outcome). */
export function nextStep(step: CouncilStep, action: CouncilAction, outcome?: MeetingOutcome): CouncilStep {
  const to = COUNCIL_TRANSITIONS[action].to;
  if (to === 'same') return step;
  if (to === 'outcome') {
    if (!outcome) throw new Error('a meeting moves the topic by its outcome');
    return OUTCOME_STEP[outcome];
  }
  return to;
}

const STEP_NAME: Record<CouncilStep, string> = {
  collecting: '收集意见',
  drafting: '制定方案',
  noticed: '已发布公告',
  applying: '结果运用',
  published: '反馈公示',
  closed: '已办结',
  declined: '未立项',
  lapsed: '已失效',
};
export const stepName = (step: CouncilStep): string => STEP_NAME[step];

/**
 * Whether `role` may take `action` on a topic at `step`: a role that may never take the action is 403 whatever
 * the step; the right role at the wrong step is 409. (Who may see the topic at all is decided before: an
 * outsider gets 404.)
 */
export function assertMay(step: CouncilStep, action: CouncilAction, role: CouncilRole): void {
  if (!mayTake(role, action)) throw forbidden(`a ${role} may not ${action.replace('_', ' ')} a council topic`);
  if (!canMove(step, action)) {
    throw new AppError('WRONG_STEP', `a topic at ${step} (${STEP_NAME[step]}) cannot be ${action.replace('_', ' ')}`);
  }
}

/** assertMay, and the step the action leads to. */
export function decide(step: CouncilStep, action: CouncilAction, role: CouncilRole, outcome?: MeetingOutcome): CouncilStep {
  assertMay(step, action, role);
  return nextStep(step, action, outcome);
}

/** What someone holding these roles may do at this step (the clock's actions are nobody's). */
export const allowedCouncilActions = (step: CouncilStep, roles: readonly CouncilRole[]): CouncilAction[] =>
  COUNCIL_ACTIONS.filter((a) => !CLOCK_ACTIONS.includes(a) && canMove(step, a) && roles.some((r) => mayTake(r, a)));

// ---------------------------------------------------------------------------------------------------------------
// The checks of the steps
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
export const MAX_PLANS = 5;

/** 确认议题: a resident proposal is confirmed only once it gathered its supports. */
export function assertSupported(topic: Pick<Topic, 'origin' | 'supporters' | 'supportThreshold'>): void {
  if (topic.origin === 'resident' && topic.supporters < (topic.supportThreshold ?? 0)) {
    throw new AppError(
      'THRESHOLD_NOT_MET',
      `this proposal has ${topic.supporters} of the ${topic.supportThreshold} supports it needs before it can be confirmed`,
    );
  }
}

/** 制定方案: at most five plans. */
export function assertPlanRoom(planCount: number): void {
  if (planCount >= MAX_PLANS) throw new AppError('WRONG_STEP', `a topic has at most ${MAX_PLANS} plans`);
}

/**
 * 发布公告: at least one plan to discuss, representatives or building heads to invite, and the meeting at least
 * `noticeDays` whole days after the notice.
 */
export function assertNotice(input: { nowMs: number; meetingAtMs: number; noticeDays: number; plans: number; invited: number }): void {
  if (input.plans === 0) throw new AppError('WRONG_STEP', 'add at least one plan (制定方案) before the notice');
  if (input.invited === 0) {
    throw new AppError('WRONG_STEP', 'the council has no representatives or building heads to invite: fill in its members first');
  }
  if (input.meetingAtMs - input.nowMs < input.noticeDays * DAY_MS) {
    throw new AppError(
      'NOTICE_TOO_SHORT',
      `a meeting must be announced at least ${input.noticeDays} days ahead; choose a time after ${new Date(input.nowMs + input.noticeDays * DAY_MS).toISOString()}`,
    );
  }
}

/** The members who make the quorum: the representatives and building heads of the roster. */
export const quorumMembers = (members: readonly CouncilMember[]): CouncilMember[] =>
  members.filter((m) => RESIDENT_MEMBER_KINDS.includes(m.kind));

export interface QuorumCount {
  invited: number;
  present: number;
  needed: number;
  quorate: boolean;
}

/** Quorum against the roster: more than half of the invited representatives and building heads unless the setting says a number. */
export function quorumOf(members: readonly CouncilMember[], attendees: readonly string[], rule: Quorum): QuorumCount {
  const counted = quorumMembers(members);
  const came = new Set(attendees);
  const present = counted.filter((m) => came.has(m.id)).length;
  const needed = rule.rule === 'majority' ? Math.floor(counted.length / 2) + 1 : rule.count;
  return { invited: counted.length, present, needed, quorate: counted.length > 0 && present >= needed };
}

/** 组织协商: the meeting is recorded once it has begun. */
export function assertMeetingHeld(nowMs: number, meetingAtMs: number): void {
  if (nowMs < meetingAtMs) {
    throw new AppError('MEETING_NOT_HELD', `the meeting is at ${new Date(meetingAtMs).toISOString()}; record it once it has been held`);
  }
}

/**
 * The outcome of a meeting: 流会 without a quorum (whatever else was written), else the plan adopted, else no
 * agreement. A plan is adopted only with more votes for it than against.
 */
export function meetingOutcome(input: {
  quorate: boolean;
  planIds: readonly string[];
  votes: readonly Vote[];
  adoptedPlanId?: string;
}): MeetingOutcome {
  const unknown = input.votes.find((v) => !input.planIds.includes(v.planId));
  if (unknown) throw invalidVote('body.votes', `no plan ${unknown.planId} on this topic`);
  if (!input.quorate) return 'no_quorum';
  if (!input.adoptedPlanId) return 'no_agreement';
  if (!input.planIds.includes(input.adoptedPlanId)) throw invalidVote('body.adoptedPlanId', 'adopt one of the plans of this topic');
  const vote = input.votes.find((v) => v.planId === input.adoptedPlanId);
  if (!vote) throw invalidVote('body.votes', 'record the vote on the plan adopted');
  if (vote.for <= vote.against)
    throw invalidVote('body.adoptedPlanId', 'the votes recorded do not adopt this plan (more for than against)');
  return 'adopted';
}

/**
 * 组织协商: each plan's vote is counted among the people present, the members marked present and the residents
 * counted: no plan has more votes (for, against and abstaining together) than there were people to cast them.
 */
export function assertVotesWithin(votes: readonly Vote[], present: number): void {
  for (const [i, v] of votes.entries()) {
    const cast = v.for + v.against + v.abstain;
    if (cast > present) {
      throw new AppError('VALIDATION_FAILED', `${cast} votes on plan ${v.planId}, but ${present} people were present`, [
        { path: `body.votes.${i}`, message: `at most ${present} votes: the members present and the residents present` },
      ]);
    }
  }
}

const invalidVote = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** 反馈公示: every task is done or closed with a reason first. */
export function assertTasksFinished(statuses: readonly TaskStatus[]): void {
  const open = statuses.filter((s) => s === 'open').length;
  if (open > 0) throw new AppError('TASKS_OPEN', `${open} task(s) are not done or closed yet; finish or close each first`);
}

/** Objections are heard within the publicity window. */
export function assertObjectionWindow(nowMs: number, publicUntil: string | null): void {
  if (publicUntil === null || nowMs >= Date.parse(publicUntil)) {
    throw new AppError('WRONG_STEP', 'the publicity window of this result has ended');
  }
}

/** When a resident proposal's collection ends, for the settings in force when it was proposed. */
export const collectUntilOf = (createdAtMs: number, collectDays: number): string =>
  new Date(createdAtMs + collectDays * DAY_MS).toISOString();
/** When a published result leaves the noticeboard and the topic closes. */
export const publicUntilOf = (publishedAtMs: number, publicDays: number): string =>
  new Date(publishedAtMs + publicDays * DAY_MS).toISOString();

/** Of the seven steps, the one a topic is at (an end keeps the step it ended at), for the progress bar. */
export function stepNumber(topic: Pick<Topic, 'step'>): number {
  switch (topic.step) {
    case 'collecting':
    case 'lapsed':
      return 1;
    case 'declined':
      return 2;
    case 'drafting':
      return 3;
    case 'noticed':
      return 4;
    case 'applying':
      return 6;
    default:
      return 7;
  }
}
