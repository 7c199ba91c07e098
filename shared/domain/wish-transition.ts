import { AppError, forbidden } from '../errors';
import type { Candidate } from '../schemas/queue';
import { LEVELS, type Level } from '../schemas/sla';
import type { AnyActionBody, Wish, WishAction, WishEvent } from '../schemas/wishes';
import { LEVEL_NAME } from './levels';
import { routeNote } from './routing';
import { type Clock, limitEnd, withClock, type ClockContext, type ClockName } from './sla';
import type { Actor } from './wish-access';
import { actingRole, actsOnBehalf, assertAllowed, relationTo } from './wish-access';
import { canTransition, nextStatus } from './wish-machine';

export const CLOCK_NAME: Record<ClockName, string> = { route: '派单', claim: '认领', lease: '开始处理', done: '办结', confirm: '确认' };

export interface TransitionInput {
  action: WishAction;
  body: AnyActionBody;
  /** The person acting; a claimant's volunteer profile says whether the wall may show their name. */
  actor: Actor & { showNameOnWall?: boolean };
  now: string;
  clock: ClockContext;
  /** route: the team chosen, its place in the ranking now, and the ranking's first. */
  route?: { team: { id: string; name: string }; candidate?: Candidate; top?: Candidate };
  /** merge: the open wish this one joins. */
  mergeInto?: Pick<Wish, 'id' | 'categoryName'>;
}

export interface Transition {
  wish: Wish;
  event: WishEvent;
}

const text = (body: AnyActionBody, key: 'reason' | 'note' | 'comment'): string | null =>
  key in body ? ((body as Record<string, string | undefined>)[key] ?? null) : null;

const up = (level: Level): Level => LEVELS[Math.min(LEVELS.length - 1, LEVELS.indexOf(level) + 1)];
const down = (level: Level): Level => LEVELS[Math.max(0, LEVELS.indexOf(level) - 1)];

/** The fields an action changes besides the status, and the note its event carries. Throws AppError. */
function changes(wish: Wish, input: TransitionInput, rank: number): { patch: Partial<Wish>; note: string | null } {
  const { action, body, now, clock } = input;
  const reason = text(body, 'reason');
  // An extension adds a whole lease to the one running, so extending early (or overnight) still gives time.
  const lease = (from = Date.parse(now)) => new Date(limitEnd(from, clock.limits.lease[wish.urgency], clock.calendar)).toISOString();
  switch (action) {
    case 'route': {
      const { team, candidate, top } = input.route!;
      if (top && top.teamId !== team.id && !reason) {
        throw new AppError('VALIDATION_FAILED', 'this team is not the one routing ranks first; say why', [
          { path: 'body.reason', message: `say why not ${top.teamName}` },
        ]);
      }
      const note = candidate ? routeNote(candidate) : `派给 ${team.name}`;
      const routingNote = reason && top?.teamId !== team.id ? `${note}(改派:${reason})` : note;
      return {
        patch: {
          teamId: team.id,
          teamName: team.name,
          claimantId: null,
          claimantName: null,
          routedAt: now,
          claimedAt: null,
          leaseUntil: null,
          routingNote,
        },
        note: routingNote,
      };
    }
    case 'claim':
      return {
        patch: {
          claimantId: input.actor.id,
          claimantName: input.actor.name,
          // The volunteer's consent to be named on the wall, as it stands when they take the work.
          claimantNameOnWall: input.actor.showNameOnWall === true,
          claimedAt: now,
          leaseUntil: lease(),
          leaseExtended: false,
        },
        note: null,
      };
    case 'release':
      return {
        patch: { claimantId: null, claimantName: null, claimedAt: null, leaseUntil: null, leaseExtended: false, routedAt: now },
        note: reason,
      };
    case 'start':
      return { patch: { leaseUntil: null }, note: null };
    case 'complete':
      return { patch: { doneAt: now }, note: text(body, 'note') };
    case 'resolve':
      return { patch: { doneAt: now, leaseUntil: null }, note: text(body, 'note') };
    case 'dispute':
      return { patch: { doneAt: null }, note: reason };
    case 'confirm':
      return 'rating' in body
        ? { patch: { rating: body.rating, comment: body.comment ?? null, wallConsent: body.wall }, note: body.comment ?? null }
        : { patch: {}, note: null };
    case 'send_back': {
      const windowEnd = limitEnd(Date.parse(wish.routedAt ?? wish.createdAt), clock.limits.sendBack, clock.calendar);
      if (Date.parse(now) > windowEnd)
        throw new AppError(
          'SEND_BACK_TOO_LATE',
          'a wish can be sent back only within 2 working days of routing; ask the grid worker instead',
        );
      return {
        patch: {
          ...backToTriage(now),
          sentBackBy: [...wish.sentBackBy, wish.teamId!],
          routingNote: `${wish.teamName}退单:${reason}`,
        },
        note: `${wish.teamName}退单:${reason}`,
      };
    }
    case 'escalate':
      return { patch: { level: up(wish.level) }, note: `上报${LEVEL_NAME[up(wish.level)]}:${reason}` };
    case 'send_down':
      return { patch: { level: down(wish.level) }, note: `退回${LEVEL_NAME[down(wish.level)]}:${reason}` };
    case 'extend_lease':
      if (wish.leaseExtended) throw new AppError('INVALID_TRANSITION', 'a claim can be extended only once');
      return {
        patch: { leaseUntil: lease(Math.max(Date.parse(now), Date.parse(wish.leaseUntil ?? now))), leaseExtended: true },
        note: '志愿者延长了开始时限',
      };
    case 'extend_deadline': {
      const days = 'workingDays' in body ? body.workingDays : 0;
      if (days > clock.limits.doneMaxWorkingDays && rank <= LEVELS.indexOf(wish.level)) {
        throw forbidden(`a deadline beyond ${clock.limits.doneMaxWorkingDays} working days needs the level above`);
      }
      const doneBy = new Date(limitEnd(Date.parse(wish.createdAt), { amount: days, unit: 'working_days' }, clock.calendar)).toISOString();
      if (wish.doneBy && doneBy <= wish.doneBy)
        throw new AppError('VALIDATION_FAILED', 'an extension must move the deadline later', [
          { path: 'body.workingDays', message: 'more working days than now' },
        ]);
      return { patch: { doneBy }, note: `办结时限延至提交后${days}个工作日:${reason}` };
    }
    case 'merge':
      return {
        patch: { mergedInto: input.mergeInto!.id, leaseUntil: null },
        note: `与另一条「${input.mergeInto!.categoryName}」心愿合并:${reason}`,
      };
    default:
      return { patch: {}, note: reason };
  }
}

/** Applies one action of a person to a wish: the new wish (clocks settled) and the event that records it. Pure; throws AppError. */
/** What a wish that goes back to triage leaves behind: no team, nobody holding it, its triage clock from now. */
const backToTriage = (now: string) =>
  ({
    teamId: null,
    teamName: null,
    claimantId: null,
    claimantName: null,
    triageSince: now,
    routedAt: null,
    claimedAt: null,
    leaseUntil: null,
  }) as const;

export function applyAction(wish: Wish, input: TransitionInput): Transition {
  const { action, body, actor, now } = input;
  const relation = assertAllowed(action, actor, wish);
  const onBehalf = actsOnBehalf(action, relation);
  if (onBehalf && !('consent' in body && body.consent === true)) {
    throw new AppError('VALIDATION_FAILED', "record the resident's consent to act on their behalf", [
      { path: 'consent', message: 'must be true when acting for the resident' },
    ]);
  }
  const { patch, note } = changes(wish, input, relationTo(actor, wish).rank);
  const next = withClock(
    { ...wish, ...patch, status: nextStatus(action, wish.status), updatedAt: now, version: wish.version + 1 },
    { ...input.clock, now: Date.parse(now) },
  );
  const event: WishEvent = {
    seq: next.version,
    at: now,
    action,
    from: wish.status,
    to: next.status,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actingRole(action, relation),
    onBehalf,
    note,
  };
  return { wish: next, event };
}

export type SystemAction =
  | { kind: 'expire_lease' }
  | { kind: 'auto_confirm' }
  | { kind: 'escalate'; clockId: string; clockName: ClockName }
  /** The claimant is no longer in the team (its lead or staff removed them): back to the team, as an expired lease. */
  | { kind: 'release'; note: string }
  /** The team no longer reaches the wish (its partner agreement ended): back to the grid worker's triage. */
  | { kind: 'send_back'; note: string };

/**
 * What the system does to a wish: the clock (tick) releases an expired claim, confirms after silence, escalates
 * one level; ending a team membership releases the member's claims; ending a partner agreement sends the
 * partner team's unclaimed wishes back to triage.
 */
export function applySystemAction(wish: Wish, action: SystemAction, now: string, clock: ClockContext): Transition {
  let patch: Partial<Wish>;
  let note: string;
  switch (action.kind) {
    case 'expire_lease':
      patch = {
        status: 'routed',
        claimantId: null,
        claimantName: null,
        claimedAt: null,
        leaseUntil: null,
        leaseExtended: false,
        routedAt: now,
      };
      note = `${wish.claimantName ?? '志愿者'}认领后未按时开始,已自动释放,队伍可重新认领`;
      break;
    case 'auto_confirm':
      patch = { status: 'confirmed', wallConsent: 'hidden' };
      note = '完成后7天内未确认,系统自动确认';
      break;
    case 'escalate':
      patch = { level: up(wish.level), escalated: [...wish.escalated, action.clockId] };
      note = `「${CLOCK_NAME[action.clockName]}」已超时,已上报${LEVEL_NAME[up(wish.level)]}`;
      break;
    case 'release':
    case 'send_back':
      if (!canTransition(wish.status, action.kind)) {
        throw new AppError('INVALID_TRANSITION', `a wish that is ${wish.status} cannot be ${action.kind}ed`);
      }
      patch =
        action.kind === 'release'
          ? { claimantId: null, claimantName: null, claimedAt: null, leaseUntil: null, leaseExtended: false, routedAt: now }
          : { ...backToTriage(now), routingNote: action.note };
      patch.status = nextStatus(action.kind, wish.status);
      note = action.note;
      break;
  }
  const next = withClock({ ...wish, ...patch, updatedAt: now, version: wish.version + 1 }, { ...clock, now: Date.parse(now) });
  const kind: WishAction = action.kind;
  return {
    wish: next,
    event: {
      seq: next.version,
      at: now,
      action: kind,
      from: wish.status,
      to: next.status,
      actorId: 'system',
      actorName: '系统',
      actorRole: 'system',
      onBehalf: false,
      note,
    },
  };
}

/**
 * A clock ran out on a wish already at the street, with no level above to send it to: the run is marked (it
 * never fires twice) and the moment recorded as an event, `overdue`, which the figures count from.
 */
export function overdueAt(wish: Wish, clock: Clock, now: string, ctx: ClockContext): Transition {
  const next = withClock(
    { ...wish, escalated: [...wish.escalated, clock.id], updatedAt: now, version: wish.version + 1 },
    { ...ctx, now: Date.parse(now) },
  );
  return {
    wish: next,
    event: {
      seq: next.version,
      at: now,
      action: 'overdue',
      from: wish.status,
      to: next.status,
      actorId: 'system',
      actorName: '系统',
      actorRole: 'system',
      onBehalf: false,
      note: `「${CLOCK_NAME[clock.name]}」已超时`,
    },
  };
}
