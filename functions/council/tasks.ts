import { createHash } from 'node:crypto';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { assertMay } from '../../shared/domain/council-machine';
import { roleFor } from '../../shared/domain/council/access';
import { endOfWorkingDay } from '../../shared/domain/council/clock';
import { followerNotices, taskNotices } from '../../shared/domain/council/notify';
import { taskStatusOf } from '../../shared/domain/council/view';
import { closeWishForCouncil, heldBy, returnWish, type WishMove } from '../../shared/domain/council/wishes';
import { beijingDate } from '../../shared/domain/beijing-time';
import { noRouteReason } from '../../shared/domain/routing';
import { relationTo } from '../../shared/domain/wish-access';
import { noticesFor } from '../../shared/domain/wish-notify';
import { applyAction } from '../../shared/domain/wish-transition';
import type { CouncilTask, TaskBody, TaskDoneBody, TopicDetail } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { gridCommunities } from '../auth/scope';
import { getTask, taskIdOf, taskPut, taskPutIfUnchanged, topicOfTask } from '../data/council/tasks';
import { getTopic, topicWithChildren } from '../data/council/topics';
import { getCategory } from '../data/places';
import { getUser } from '../data/users';
import { getWish } from '../data/wishes';
import { submitWish } from '../wishes/create';
import { automatic, membersToTell, rankFor } from '../wishes/routing';
import { viewerIn } from './access';
import { moveTopic, type MoveContext, type Planned } from './move';

const newTask = (
  ctx: MoveContext,
  fields: Pick<CouncilTask, 'kind' | 'title' | 'wishId' | 'ownerId' | 'ownerName' | 'dueDate' | 'dueAt'>,
): CouncilTask => ({
  id: taskIdOf(ctx.topic.id, ctx.topic.taskCount + 1),
  topicId: ctx.topic.id,
  communityId: ctx.topic.communityId,
  ...fields,
  status: 'open',
  note: null,
  finishedAt: null,
  finishedByName: null,
  lateWarnedAt: null,
  createdAt: ctx.at,
  version: 1,
});

/**
 * A wish the council decided to have done goes through the normal routing from here: given back by the council
 * (its clocks start again), then routed to the team routing would choose by itself, with the team told, or left in
 * triage with the reason when none fits. Both steps are events of its timeline.
 */
async function routeForCouncil(
  wish: Wish,
  ctx: MoveContext,
  user: User,
): Promise<{ moves: WishMove[]; told: ReturnType<typeof noticesFor> }> {
  const plan = ctx.topic.plans.find((p) => p.id === ctx.topic.adoptedPlanId);
  const back = returnWish(wish, ctx.actor, ctx.at, ctx.clock, `居民议事会决定办理${plan ? `:「${plan.title}」` : ''}`);
  const [ranked, category] = await Promise.all([rankFor(back.wish, ctx.clock), getCategory(back.wish.category)]);
  const chosen = automatic(ranked);
  const mayRoute = relationTo(user, back.wish).rank >= relationTo(user, back.wish).level;
  if (!chosen || !mayRoute) {
    const reason = noRouteReason({ skill: category?.skill ?? null }, ranked.candidates, back.wish.categoryName);
    return { moves: [{ ...back, wish: { ...back.wish, routingNote: reason } }], told: [] };
  }
  const routed = applyAction(back.wish, {
    action: 'route',
    body: { teamId: chosen.team.id },
    actor: user,
    now: ctx.at,
    clock: ctx.clock,
    route: { team: chosen.team, candidate: chosen.candidate, top: ranked.candidates[0] },
  });
  const audience = { teamMembers: membersToTell(chosen.team, category?.skill ?? null, ctx.clock), managers: [] };
  return { moves: [back, routed], told: noticesFor(back.wish, routed.wish, routed.event, audience) };
}

/** Staff or a grid worker of the topic's community may own a staff task. */
async function assertOwner(ownerId: string, communityId: string): Promise<User> {
  const owner = await getUser(ownerId);
  const staff = owner?.roles.includes('staff') && owner.staffCommunityIds.includes(communityId);
  const grid = owner?.roles.includes('gridWorker') && (await gridCommunities(owner)).includes(communityId);
  if (!owner || !(staff || grid)) throw invalid('body.ownerId', 'the owner must be staff or a grid worker of this community');
  return owner;
}

/** A new wish for a resident: the one named, else the resident who proposed the topic. */
async function createWishTask(user: User, id: string, body: Extract<TaskBody, { description: string }>, now: Date): Promise<string> {
  const topic = await getTopic(id);
  const viewer = topic ? await viewerIn(user, topic.communityId) : null;
  if (!topic || !viewer?.reads) throw notFound('topic');
  assertMay(topic.step, 'add_task', roleFor(viewer, 'add_task'));
  const residentId = body.forResidentId ?? (topic.origin === 'resident' ? topic.proposerId : null);
  if (!residentId) throw invalid('body.forResidentId', 'say which resident of the community the wish is for');
  // The same request again files the same wish (its key), not a second one.
  const key = `council-${createHash('sha256')
    .update(JSON.stringify([id, body, residentId]))
    .digest('hex')
    .slice(0, 40)}`;
  const { detail } = await submitWish(
    user,
    {
      kind: 'wish',
      description: body.description,
      category: body.category,
      buildingId: body.buildingId,
      urgency: 'normal',
      shared: true,
      onBehalfOf: residentId,
      consent: true,
    },
    key,
    now,
  );
  return detail.wish.id;
}

/**
 * 结果运用: a task of the adopted plan. A wish task — a linked wish, or a new one filed for a resident — goes
 * through the normal routing with its normal clocks; a staff task has an owner (staff or grid worker of the
 * community) and a due date on a working day, late at the end of its office hours.
 */
export async function addTask(user: User, id: string, body: TaskBody, now: Date): Promise<TopicDetail> {
  const createdWishId = body.kind === 'wish' && 'description' in body ? await createWishTask(user, id, body, now) : null;
  return moveTopic(user, id, 'add_task', now, async (ctx): Promise<Planned> => {
    const { topic } = ctx;
    const tasks = (await topicWithChildren(topic.id))?.tasks ?? [];
    if (body.kind === 'staff') {
      const owner = await assertOwner(body.ownerId, topic.communityId);
      const dueAt = endOfWorkingDay(body.dueDate, ctx.clock.calendar);
      if (dueAt === null) throw invalid('body.dueDate', 'pick a working day (工作日) of the calendar');
      if (body.dueDate < beijingDate(now.getTime())) throw invalid('body.dueDate', 'a due date from today on');
      const task = newTask(ctx, {
        kind: 'staff',
        title: body.title,
        wishId: null,
        ownerId: owner.id,
        ownerName: owner.name,
        dueDate: body.dueDate,
        dueAt: new Date(dueAt).toISOString(),
      });
      return {
        patch: { taskCount: topic.taskCount + 1 },
        note: `任务:${body.title}(${owner.name},${body.dueDate})`,
        extra: [taskPut(task)],
        notices: () => taskNotices(task, user.id),
      };
    }
    const wishId = createdWishId ?? ('wishId' in body ? body.wishId : '');
    if (tasks.some((t) => t.wishId === wishId)) throw new AppError('WRONG_STEP', 'this wish is a task of the topic already');
    const wish = await getWish(wishId);
    if (!wish || (!createdWishId && !topic.wishIds.includes(wishId))) throw notFound('wish');
    // The category and place only: the title goes on the noticeboard, and the resident's own words are not for it.
    const title = `${wish.categoryName}·${wish.buildingName}`;
    const task = newTask(ctx, { kind: 'wish', title, wishId, ownerId: null, ownerName: null, dueDate: null, dueAt: null });
    if (createdWishId) {
      return {
        patch: { taskCount: topic.taskCount + 1, followers: [...new Set([...topic.followers, wish.ownerId])] },
        note: `任务:${title}`,
        extra: [taskPut(task)],
      };
    }
    if (!heldBy(wish, topic.id)) throw new AppError('WRONG_STEP', 'this wish is no longer with the council');
    const { moves, told } = await routeForCouncil(wish, ctx, user);
    const last = moves.at(-1)!;
    return {
      patch: { taskCount: topic.taskCount + 1 },
      note: `任务:${title}`,
      extra: [taskPut(task)],
      wish: { previous: wish, next: last.wish, event: last.event, earlier: moves.slice(0, -1).map((m) => m.event) },
      notices: (next) => [...told, ...followerNotices(next, { kind: 'task' }, [wish.ownerId], user.id)],
    };
  });
}

/**
 * A task done, or closed with a reason. A staff task: its owner or staff. A wish task is done when its owner
 * confirms the wish; staff may close it instead, and its wish is closed in the same transaction with the
 * council's reason (never silently).
 */
export async function finishTask(user: User, taskId: string, body: TaskDoneBody, now: Date): Promise<TopicDetail> {
  const { topicId } = topicOfTask(taskId);
  return moveTopic(user, topicId, 'finish_task', now, async ({ role, actor, clock, at }): Promise<Planned> => {
    const task = await getTask(taskId);
    if (!task) throw notFound('task');
    if (role !== 'staff' && task.ownerId !== user.id) throw forbidden("only the task's owner or the community's staff finish it");
    const wish = task.wishId ? await getWish(task.wishId) : null;
    if (taskStatusOf(task, wish) !== 'open') throw new AppError('WRONG_STEP', 'this task is finished already');
    if (task.kind === 'wish' && !body.closed) {
      throw new AppError(
        'WRONG_STEP',
        'a wish task is done when its owner confirms the wish; staff may close it with a reason (closed: true)',
      );
    }
    if (body.closed && role !== 'staff') throw forbidden('only staff close a task unfinished');
    const next: CouncilTask = {
      ...task,
      status: body.closed ? 'closed' : 'done',
      note: body.note,
      finishedAt: at,
      finishedByName: user.name,
      version: task.version + 1,
    };
    // A wish task closed unfinished: its wish closes with the council's reason, as its own transition.
    const closed = wish ? closeWishForCouncil(wish, actor, at, clock, body.note) : null;
    return {
      note: `${body.closed ? '任务关闭' : '任务完成'}:${task.title}——${body.note}`,
      extra: [taskPutIfUnchanged(task, next)],
      ...(wish && closed ? { wish: { previous: wish, next: closed.wish, event: closed.event } } : {}),
      notices: () => (wish && closed ? noticesFor(wish, closed.wish, closed.event, { teamMembers: [], managers: [] }) : []),
    };
  });
}
