import type { CouncilTask, Topic } from '../../schemas/council';
import { atBeijing, DAY_MS } from '../beijing-time';
import { addWorkingMinutes, isWorkingDay, workingDayMinutes, type Calendar } from '../working-time';

/**
 * The council's timed work, done by `tick`: a resident proposal lapses when it missed its supports after
 * `collectDays`; the invitees are reminded a day before the meeting; the publicity window closes; a late staff
 * task is reported once. A topic carries one due time at a time, the one its step needs; a task its own.
 */
export const COUNCIL_DUE_KINDS = ['council', 'council_task'] as const;
export type CouncilDueKind = (typeof COUNCIL_DUE_KINDS)[number];

export type TopicDue = 'lapse' | 'remind' | 'close';

type Timed = Pick<Topic, 'step' | 'origin' | 'supporters' | 'supportThreshold' | 'collectUntil' | 'notice' | 'result'>;

/** What the clock must do to the topic at `nowMs`, if anything. */
export function topicDue(t: Timed, nowMs: number): TopicDue | null {
  const at = topicDueAt(t);
  if (at === null || nowMs < Date.parse(at)) return null;
  if (t.step === 'collecting') return 'lapse';
  if (t.step === 'noticed') return 'remind';
  return 'close';
}

/** When the clock next needs to look at the topic (null: never again). */
export function topicDueAt(t: Timed): string | null {
  switch (t.step) {
    case 'collecting':
      // A proposal that has its supports waits for staff; a lapse is only for those that missed them.
      return t.origin === 'resident' && t.collectUntil && t.supporters < (t.supportThreshold ?? 0) ? t.collectUntil : null;
    case 'noticed':
      return t.notice && !t.notice.remindedAt ? new Date(Date.parse(t.notice.meetingAt) - DAY_MS).toISOString() : null;
    case 'published':
      return t.result?.publicUntil ?? null;
    default:
      return null;
  }
}

/** A staff task is due for its one late warning while open; done, closed or warned, nothing more. */
export const taskDueAt = (t: Pick<CouncilTask, 'kind' | 'status' | 'dueAt' | 'lateWarnedAt'>): string | null =>
  t.kind === 'staff' && t.status === 'open' && !t.lateWarnedAt ? t.dueAt : null;

/** Late: open past its due time (shown red). */
export const isTaskLate = (t: Pick<CouncilTask, 'dueAt'> & { status: CouncilTask['status'] }, nowMs: number): boolean =>
  t.status === 'open' && t.dueAt !== null && nowMs > Date.parse(t.dueAt);

/** The end of office hours of a working day (Beijing), when a task due that day is late; null on a rest day. */
export function endOfWorkingDay(date: string, calendar: Calendar): number | null {
  if (!isWorkingDay(date, calendar)) return null;
  const start = atBeijing(date, '00:00');
  return addWorkingMinutes(start, workingDayMinutes(start, calendar), calendar);
}
