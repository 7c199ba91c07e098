import { decide } from '../../shared/domain/council-machine';
import { taskDueAt, topicDue, topicDueAt } from '../../shared/domain/council/clock';
import { followerNotices, lateTaskNotices, reminderNotices } from '../../shared/domain/council/notify';
import { closeWishForCouncil, heldBy } from '../../shared/domain/council/wishes';
import { noticesFor } from '../../shared/domain/wish-notify';
import type { Topic, TopicEvent } from '../../shared/schemas/council';
import { getTask, saveTask } from '../data/council/tasks';
import { councilOf } from '../data/council/roster';
import { getTopic, refreshTopic, saveTopic, StaleTopicError } from '../data/council/topics';
import { notificationWrites } from '../data/notifications';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getWish, saveTransition } from '../data/wishes';
import type { TickOutcome } from '../tick/outcome';
import { COUNCIL_SYSTEM, councilClock } from './access';

/**
 * A wish the topic still holds when it closes ends with the council's decision as the reason, in its own
 * transaction (a topic holds up to 20; each is checked on its version, so a second run ends none twice).
 */
async function endHeldWish(topic: Topic, wishId: string, now: Date): Promise<void> {
  await optimistic('end a wish with the council', async () => {
    const wish = await getWish(wishId);
    if (!heldBy(wish, topic.id)) return;
    const at = now.toISOString();
    const closed = closeWishForCouncil(
      wish,
      COUNCIL_SYSTEM,
      at,
      await councilClock(now, topic.streetId),
      topic.result?.summary ?? topic.title,
    );
    await saveTransition({
      previous: wish,
      wish: closed.wish,
      event: closed.event,
      extra: notificationWrites(noticesFor(wish, closed.wish, closed.event, { teamMembers: [], managers: [] }), at),
    });
  });
}

async function clockMove(topic: Topic, action: 'lapse' | 'close', now: Date, patch: Partial<Topic>, note: string): Promise<void> {
  const at = now.toISOString();
  const step = decide(topic.step, action, 'system');
  const draft: Topic = { ...topic, ...patch, step, updatedAt: at, version: topic.version + 1 };
  const next: Topic = { ...draft, dueAt: topicDueAt(draft) };
  const event: TopicEvent = {
    seq: next.version,
    at,
    action,
    from: topic.step,
    to: step,
    actorId: COUNCIL_SYSTEM.id,
    actorName: COUNCIL_SYSTEM.name,
    actorRole: 'system',
    note,
  };
  const told = followerNotices(next, { kind: action }, next.followers, null);
  await saveTopic({ previous: topic, next, event, extra: notificationWrites(told, at) });
}

/**
 * What the clock does to a topic at `now`: lapse a resident proposal that missed its supports (its proposer is
 * told), remind the invitees the day before the meeting, close the publicity window (each wish it still holds
 * ends with the decision, never silently; then the topic is closed). Re-reads the topic; a second run for the
 * same moment changes nothing more.
 */
export async function processCouncilTopic(id: string, now: Date): Promise<TickOutcome> {
  return optimistic('run a council clock', async (): Promise<TickOutcome> => {
    const topic = await getTopic(id);
    if (!topic) return 'skipped';
    const at = now.toISOString();
    const due = topicDue(topic, now.getTime());
    if (due === null) {
      const dueAt = topicDueAt(topic);
      if (dueAt === topic.dueAt) return 'skipped';
      if (!(await refreshTopic(topic, { dueAt }))) throw new StaleTopicError([]);
      return 'done';
    }
    if (due === 'lapse') {
      await clockMove(topic, 'lapse', now, {}, `征集期内获得 ${topic.supporters}/${topic.supportThreshold} 位居民支持,未达到,议题失效`);
    } else if (due === 'remind') {
      const { roster } = await councilOf(topic.communityId);
      const notice = { ...topic.notice!, remindedAt: at };
      const told = notificationWrites(reminderNotices(topic, roster.members), at);
      if (!(await refreshTopic(topic, { notice, dueAt: topicDueAt({ ...topic, notice }) }, told))) throw new StaleTopicError([]);
    } else {
      for (const wishId of topic.wishIds) await endHeldWish(topic, wishId, now);
      await clockMove(topic, 'close', now, { closedAt: at }, '公示期结束,议题办结');
    }
    return 'done';
  });
}

/** A staff task past its due time: its owner and the community's staff are told, once. */
export async function processCouncilTask(taskId: string, now: Date): Promise<TickOutcome> {
  return optimistic('run a council task clock', async (): Promise<TickOutcome> => {
    const task = await getTask(taskId);
    const dueAt = task ? taskDueAt(task) : null;
    if (!task || dueAt === null || now.getTime() < Date.parse(dueAt)) return 'skipped';
    const staff = (await getPlace(task.communityId))?.managerIds ?? [];
    const at = now.toISOString();
    await saveTask(task, { ...task, lateWarnedAt: at, version: task.version + 1 }, notificationWrites(lateTaskNotices(task, staff), at));
    return 'done';
  });
}

/** The council's timed work, one processor per due kind (tick/run.ts). */
export const COUNCIL_PROCESSORS = { council: processCouncilTopic, council_task: processCouncilTask } as const;
