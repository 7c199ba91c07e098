import type { CouncilMember, CouncilTask, MeetingOutcome, Objection, Topic } from '../../schemas/council';
import type { NotificationKind, PushTemplate } from '../../schemas/notifications';
import { whenText } from '../beijing-time';
import type { Notice } from '../notice';

/**
 * Who the council tells what. The people who follow a topic — its proposer and the owners of its linked wishes —
 * are told at each step; members are invited to a meeting and reminded the day before; a task's owner is told of
 * it and, with staff, when it is late. Never the person who acted.
 */
export const topicLink = (topicId: string): string => `/pages/council/topic/index?id=${topicId}`;

const cut = (text: string, max = 60) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

function tell(
  userIds: readonly (string | null | undefined)[],
  actorId: string | null,
  kind: NotificationKind,
  title: string,
  body: string,
  link: string,
  push?: PushTemplate,
): Notice[] {
  return [...new Set(userIds.filter((u): u is string => !!u && u !== actorId))].map((userId) => ({
    userId,
    kind,
    title,
    body,
    link,
    ...(push ? { push } : {}),
  }));
}

/** A step the followers of a topic hear about. */
export type FollowedStep =
  | { kind: 'raised' }
  | { kind: 'confirm' }
  | { kind: 'decline' }
  | { kind: 'notice' }
  | { kind: 'meeting'; outcome: MeetingOutcome }
  | { kind: 'task' }
  | { kind: 'publish' }
  | { kind: 'close' }
  | { kind: 'lapse' };

function stepText(t: Topic, step: FollowedStep): { title: string; body: string } {
  const name = `「${cut(t.title, 30)}」`;
  switch (step.kind) {
    case 'raised':
      return { title: '您的心愿已转入居民议事会', body: `${name}:议事会商议期间,心愿暂停计时` };
    case 'confirm':
      return { title: '议题已确认,进入制定方案', body: `${name}:${cut(t.summary ?? '')}` };
    case 'decline':
      return { title: '议题未立项', body: `${name}:${cut(t.declineReason ?? '')};相关心愿已退回待派单` };
    case 'notice':
      return { title: '居民议事会公告', body: `${name}:${whenText(t.notice!.meetingAt)} 在 ${t.notice!.place} 召开` };
    case 'meeting':
      return step.outcome === 'no_quorum'
        ? { title: '议事会流会', body: `${name}:到会代表不足,将另行发布公告` }
        : step.outcome === 'no_agreement'
          ? { title: '议事会未达成一致', body: `${name}:将重新制定方案` }
          : { title: '议事会通过方案', body: `${name}:${cut(t.plans.find((p) => p.id === t.adoptedPlanId)?.title ?? '')}` };
    case 'task':
      return { title: '议事会决定办理您的心愿', body: `${name}:已按正常流程派单办理` };
    case 'publish':
      return { title: '议事结果公示', body: `${name}:${cut(t.result?.summary ?? '')}` };
    case 'close':
      return { title: '议题已办结', body: `${name}:公示期结束` };
    case 'lapse':
      return {
        title: '议题未获足够支持,已失效',
        body: `${name}:征集期内获得 ${t.supporters}/${t.supportThreshold ?? 0} 位居民支持`,
      };
  }
}

/** The followers of a topic told of a step: its proposer and the owners of its linked wishes (loaded by the caller). */
export function followerNotices(t: Topic, step: FollowedStep, followers: readonly string[], actorId: string | null): Notice[] {
  const { title, body } = stepText(t, step);
  return tell(followers, actorId, 'council_topic', title, body, topicLink(t.id));
}

/** 发布公告: every member who uses the app is invited, with a WeChat message (it asks them to come). */
export function invitationNotices(t: Topic, members: readonly CouncilMember[], actorId: string): Notice[] {
  const n = t.notice!;
  return tell(
    members.map((m) => m.userId),
    actorId,
    'council_invitation',
    '居民议事会邀请您参加',
    `「${cut(t.title, 30)}」${whenText(n.meetingAt)} ${n.place}`,
    topicLink(t.id),
    'action_needed',
  );
}

/** The day before the meeting. */
export function reminderNotices(t: Topic, members: readonly CouncilMember[]): Notice[] {
  const n = t.notice!;
  return tell(
    members.map((m) => m.userId),
    null,
    'council_reminder',
    '明天召开居民议事会',
    `「${cut(t.title, 30)}」${whenText(n.meetingAt)} ${n.place}`,
    topicLink(t.id),
    'booking_reminder',
  );
}

export function taskNotices(task: CouncilTask, actorId: string): Notice[] {
  return tell(
    [task.ownerId],
    actorId,
    'council_task',
    '您有一项议事会任务',
    `${cut(task.title, 40)}:${task.dueDate}前完成`,
    topicLink(task.topicId),
    'action_needed',
  );
}

/** A staff task past its due time: its owner and the community's staff, once. */
export function lateTaskNotices(task: CouncilTask, staffIds: readonly string[]): Notice[] {
  return tell(
    [task.ownerId, ...staffIds],
    null,
    'council_task',
    '议事会任务已逾期',
    `${cut(task.title, 40)}:应于${task.dueDate}完成${task.ownerName ? `(负责人 ${task.ownerName})` : ''}`,
    topicLink(task.topicId),
    'action_needed',
  );
}

export function objectionNotices(t: Topic, o: Objection, staffIds: readonly string[], actorId: string): Notice[] {
  return tell(
    staffIds,
    actorId,
    'council_objection',
    '议事结果收到居民异议',
    `「${cut(t.title, 30)}」:${cut(o.text)}`,
    topicLink(t.id),
    'action_needed',
  );
}

export function answerNotices(t: Topic, o: Objection, actorId: string): Notice[] {
  return tell(
    [o.userId],
    actorId,
    'council_objection',
    '您的异议已答复',
    `「${cut(t.title, 30)}」:${cut(o.answer?.text ?? '')}`,
    topicLink(t.id),
  );
}
