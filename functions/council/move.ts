import { notFound } from '../../shared/errors';
import { assertMay, nextStep } from '../../shared/domain/council-machine';
import type { CouncilViewer } from '../../shared/domain/council/access';
import { roleFor } from '../../shared/domain/council/access';
import { topicDueAt } from '../../shared/domain/council/clock';
import type { CouncilActor } from '../../shared/domain/council/wishes';
import type { Notice } from '../../shared/domain/notice';
import type { ClockContext } from '../../shared/domain/sla';
import type { CouncilAction, CouncilRole, MeetingOutcome, Topic, TopicDetail, TopicEvent } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import type { Wish, WishEvent } from '../../shared/schemas/wishes';
import { getTopic, saveTopic, topicMoveItems } from '../data/council/topics';
import { deliver, notificationWrites } from '../data/notifications';
import { MAX_TRANSACTION } from '../data/council/wish-moves';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { saveTransition, wishEventPut } from '../data/wishes';
import { actorOf, councilClock, viewerIn } from './access';
import { topicDetail } from './detail';

export interface MoveContext {
  topic: Topic;
  viewer: CouncilViewer;
  role: CouncilRole;
  actor: CouncilActor;
  clock: ClockContext;
  at: string;
  now: Date;
}

/** What a step changes, decided on the topic as read. */
export interface Planned {
  patch?: Partial<Topic>;
  /** A meeting: the outcome decides the next step. */
  outcome?: MeetingOutcome;
  note: string | null;
  /** Items of the same transaction, after the topic [0] and its event [1]: wishes, a task, a room slot, a sheet of the noticeboard. */
  extra?: TransactItem[];
  /** Given the topic as it will be, who is told. */
  notices?: (next: Topic) => Notice[];
  /** What a refused extra item means, by its position in the whole transaction; null: a race, read again. */
  refused?: (codes: readonly string[]) => Error | null;
  /**
   * A wish that moves with the topic, saved as the wish's own transition (its loads, open count and figures):
   * the wish as read, as it will be, its last event and any earlier ones of the same move.
   */
  wish?: { previous: Wish; next: Wish; event: WishEvent; earlier?: WishEvent[] };
}

/**
 * One move of a topic: read it, check who may take the action at its step (404 for another community, 403 for
 * a role that may never, 409 at another step), let the step decide on what it read, and save the move with its
 * event, its items and its notifications in one transaction on the version read. A topic moved meanwhile is
 * read again and decided again (optimistic, data/retry.ts).
 */
export async function moveTopic(
  user: User,
  id: string,
  action: CouncilAction,
  now: Date,
  plan: (ctx: MoveContext) => Promise<Planned>,
): Promise<TopicDetail> {
  await optimistic(`${action} a council topic`, async () => {
    const topic = await getTopic(id);
    const viewer = topic ? await viewerIn(user, topic.communityId) : null;
    if (!topic || !viewer?.reads) throw notFound('topic');
    const role = roleFor(viewer, action);
    assertMay(topic.step, action, role);
    const at = now.toISOString();
    const planned = await plan({
      topic,
      viewer,
      role,
      actor: actorOf(user, role),
      clock: await councilClock(now, topic.streetId),
      at,
      now,
    });
    const step = nextStep(topic.step, action, planned.outcome);
    const draft: Topic = { ...topic, ...planned.patch, step, updatedAt: at, version: topic.version + 1 };
    const next: Topic = { ...draft, dueAt: topicDueAt(draft) };
    const event: TopicEvent = {
      seq: next.version,
      at,
      action,
      from: topic.step,
      to: step,
      actorId: user.id,
      actorName: user.name,
      actorRole: role,
      note: planned.note,
    };
    const told = planned.notices?.(next) ?? [];
    const notes = notificationWrites(told, at);
    // A topic's many wishes and followers may be more than one transaction holds: then they are told right after.
    const together = 3 + (planned.extra ?? []).length + notes.length <= MAX_TRANSACTION;
    const extra = [...(planned.extra ?? []), ...(together ? notes : [])];
    const moved = planned.wish;
    if (moved) {
      // A conflict on any item (the topic, the wish, a task) is a stale read: read both again.
      await saveTransition({
        previous: moved.previous,
        wish: moved.next,
        event: moved.event,
        extra: [...topicMoveItems(topic, next, event), ...(moved.earlier ?? []).map((e) => wishEventPut(moved.next.id, e)), ...extra],
      });
    } else {
      await saveTopic({ previous: topic, next, event, extra, refused: planned.refused });
    }
    if (!together) await deliver(told, at);
  });
  return topicDetail(user, id, now);
}
