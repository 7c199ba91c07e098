import { notFound } from '../../shared/errors';
import { allowedCouncilActions, RESIDENT_ACTIONS } from '../../shared/domain/council-machine';
import { viewLinkedWish, viewObjection, viewOpinion, viewStep, viewTask, viewTopic } from '../../shared/domain/council/view';
import type { Attendance, CouncilTask, TaskView, Topic, TopicDetail } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { isObserver, seatsOf } from '../data/council/observers';
import { isTopicSupporter, topicWithChildren } from '../data/council/topics';
import { getWish } from '../data/wishes';
import { topicViewerOf, viewerIn } from './access';

/** The wishes a topic concerns: those raised to it and those its tasks created, each read once. */
export async function wishesOf(topic: Pick<Topic, 'wishIds'>, tasks: readonly CouncilTask[]): Promise<Map<string, Wish>> {
  const ids = [...new Set([...topic.wishIds, ...tasks.flatMap((t) => (t.wishId ? [t.wishId] : []))])];
  const found = await Promise.all(ids.map(getWish));
  return new Map(found.flatMap((w) => (w ? [[w.id, w] as const] : [])));
}

/** The observers of the notice in force and the seats left; whether `userId` is one; registration open until the meeting. */
export async function attendanceOf(topic: Topic, userId: string, nowMs: number): Promise<Attendance | null> {
  if (topic.step !== 'noticed' || !topic.notice) return null;
  const [seats, registered] = await Promise.all([seatsOf(topic.id, topic.notice), isObserver(topic.id, topic.notice.at, userId)]);
  return countOf(topic.notice, seats, registered, nowMs);
}

export const countOf = (
  notice: NonNullable<Topic['notice']>,
  s: { observers: number; seats: number | null },
  registered: boolean,
  nowMs: number,
): Attendance => ({
  observers: s.observers,
  seats: s.seats,
  seatsLeft: s.seats === null ? null : Math.max(0, s.seats - s.observers),
  registered,
  open: nowMs < Date.parse(notice.meetingAt),
});

export const taskViews = (tasks: readonly CouncilTask[], wishes: ReadonlyMap<string, Wish>, nowMs: number): TaskView[] =>
  tasks.map((t) => viewTask(t, t.wishId ? (wishes.get(t.wishId) ?? null) : null, nowMs));

/**
 * A topic as the viewer may see it: its step, supports, steps with who and when, opinions (names masked for
 * residents), plans, notice, meetings, tasks with their status, linked wishes, and what the viewer may do now.
 * Someone of another community gets 404.
 */
export async function topicDetail(user: User, id: string, now: Date): Promise<TopicDetail> {
  const found = await topicWithChildren(id);
  const viewer = found ? await viewerIn(user, found.topic.communityId) : null;
  if (!found || !viewer?.reads) throw notFound('topic');
  const { topic } = found;
  const [wishes, supporting, attendance] = await Promise.all([
    wishesOf(topic, found.tasks),
    isTopicSupporter(id, user.id),
    attendanceOf(topic, user.id, now.getTime()),
  ]);
  const seen = topicViewerOf(user, viewer);
  // A resident acts in the council once their home is verified; a proposer does not support their own proposal.
  const mayActAsResident = viewer.verified || viewer.roles.some((r) => r !== 'resident');
  const allowed = allowedCouncilActions(topic.step, viewer.roles).filter(
    (a) =>
      (mayActAsResident || !RESIDENT_ACTIONS.includes(a)) &&
      !(a === 'support' && (supporting || (topic.proposerId === user.id && !viewer.roles.some((r) => r !== 'resident')))),
  );
  return {
    topic: viewTopic(topic, seen),
    steps: found.events.map((e) => viewStep(e, seen)),
    opinions: [...found.opinions].reverse().map((o) => viewOpinion(o, seen)),
    objections: found.objections.map((o) => viewObjection(o, seen)),
    tasks: taskViews(found.tasks, wishes, now.getTime()),
    wishes: topic.wishIds.flatMap((w) => (wishes.has(w) ? [viewLinkedWish(wishes.get(w)!, seen)] : [])),
    allowedActions: allowed,
    supporting,
    attendance,
  };
}
