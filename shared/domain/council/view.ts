import type {
  BoardEntry,
  CouncilTask,
  LinkedWish,
  Objection,
  Opinion,
  TaskStatus,
  TaskView,
  Topic,
  TopicEvent,
  TopicView,
} from '../../schemas/council';
import type { Wish } from '../../schemas/wishes';
import { stepNumber } from '../council-machine';
import { isFulfilled, isTerminal } from '../wish-machine';
import { maskName } from '../wish-view';
import { isTaskLate } from './clock';

/**
 * What each viewer sees of a topic. Its community reads it all, but residents read their neighbours' names
 * masked (王**) — the proposer's, an opinion's, an objection's, a linked wish's owner — except their own; the
 * people who run the council (staff, grid workers) read names whole.
 */
export interface TopicViewer {
  userId: string;
  official: boolean;
}

const nameFor = (viewer: TopicViewer, userId: string, name: string) =>
  viewer.official || viewer.userId === userId ? name : maskName(name);

export function viewTopic(t: Topic, viewer: TopicViewer): TopicView {
  const { version: _version, dueAt: _dueAt, ...rest } = t;
  return { ...rest, proposerName: nameFor(viewer, t.proposerId, t.proposerName), stepNumber: stepNumber(t) };
}

export const viewOpinion = (o: Opinion, viewer: TopicViewer): Opinion => ({ ...o, name: nameFor(viewer, o.userId, o.name) });
export const viewObjection = (o: Objection, viewer: TopicViewer): Objection => ({ ...o, name: nameFor(viewer, o.userId, o.name) });

/** The steps with who and when: a resident who acted is masked for other residents; officials act by name. */
export const viewStep = (e: TopicEvent, viewer: TopicViewer): TopicEvent =>
  e.actorRole === 'resident' ? { ...e, actorName: nameFor(viewer, e.actorId, e.actorName) } : e;

/**
 * Where a task stands. A staff task is as recorded. A wish task follows its wish: done once its owner confirmed
 * it (or the week passed), closed when the wish ended unfixed; the council may also close it with a reason.
 */
export function taskStatusOf(task: Pick<CouncilTask, 'kind' | 'status'>, wish: Pick<Wish, 'status'> | null): TaskStatus {
  if (task.kind === 'staff' || task.status !== 'open') return task.status;
  if (!wish) return 'open';
  if (isFulfilled(wish.status)) return 'done';
  return isTerminal(wish.status) ? 'closed' : 'open';
}

export function viewTask(task: CouncilTask, wish: Wish | null, nowMs: number): TaskView {
  const { version: _version, lateWarnedAt: _warned, ...rest } = task;
  const status = taskStatusOf(task, wish);
  return { ...rest, status, late: isTaskLate({ dueAt: task.dueAt, status }, nowMs), wishStatus: wish?.status ?? null };
}

export function viewLinkedWish(w: Wish, viewer: TopicViewer): LinkedWish {
  return {
    id: w.id,
    categoryName: w.categoryName,
    buildingName: w.buildingName,
    status: w.status,
    ownerName: nameFor(viewer, w.ownerId, w.ownerName),
    confirmed: isFulfilled(w.status),
  };
}

/** The sheet of a published result: the decision, the plan adopted, every task with its result and dates, the linked wishes. */
export function resultEntry(topic: Topic, tasks: readonly TaskView[], wishes: readonly Wish[], at: string): BoardEntry {
  const plan = topic.plans.find((p) => p.id === topic.adoptedPlanId) ?? null;
  return {
    id: `${at}#${topic.id}#result`,
    communityId: topic.communityId,
    topicId: topic.id,
    kind: 'result',
    title: topic.title,
    at,
    until: topic.result!.publicUntil,
    meetingAt: topic.notice?.meetingAt ?? null,
    place: topic.notice?.place ?? null,
    agenda: null,
    summary: topic.result!.summary,
    plan: plan ? { title: plan.title, body: plan.body } : null,
    tasks: tasks.map((t) => ({ title: t.title, status: t.status, finishedAt: t.finishedAt, note: t.note })),
    wishes: wishes.map((w) => {
      const { ownerName: _owner, ...rest } = viewLinkedWish(w, { userId: '', official: false });
      return rest;
    }),
  };
}

/** The sheet of a meeting notice: time, place, agenda; it comes down a day after the meeting. */
export function noticeEntry(topic: Topic, at: string): BoardEntry {
  const n = topic.notice!;
  return {
    id: `${at}#${topic.id}#notice`,
    communityId: topic.communityId,
    topicId: topic.id,
    kind: 'notice',
    title: topic.title,
    at,
    until: new Date(Date.parse(n.meetingAt) + 86_400_000).toISOString(),
    meetingAt: n.meetingAt,
    place: n.place,
    agenda: n.agenda,
    summary: topic.summary,
    plan: null,
    tasks: [],
    wishes: [],
  };
}

/** Why a topic was declined, for as long as a result would stay up. */
export function declinedEntry(topic: Topic, at: string, publicDays: number): BoardEntry {
  return {
    id: `${at}#${topic.id}#declined`,
    communityId: topic.communityId,
    topicId: topic.id,
    kind: 'declined',
    title: topic.title,
    at,
    until: new Date(Date.parse(at) + publicDays * 86_400_000).toISOString(),
    meetingAt: null,
    place: null,
    agenda: null,
    summary: topic.declineReason,
    plan: null,
    tasks: [],
    wishes: [],
  };
}
