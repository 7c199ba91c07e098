import type { NotificationKind, PushTemplate } from '../schemas/notifications';
import type { Wish, WishEvent } from '../schemas/wishes';
import type { Notice } from './notice';
import { isAwaitingClaim } from './wish-machine';
import { LEVEL_NAME } from './levels';

/** The people a change may concern, loaded by the caller. */
export interface Audience {
  /** Members of the team it is routed to who could take it now (at most a handful: not a broadcast). */
  teamMembers: readonly string[];
  /** The grid workers, community staff or street staff of the place at the wish's level now. */
  managers: readonly string[];
}

const cut = (text: string, max = 40) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/**
 * Who is told what when a wish changes: only the people it concerns, only once, and a WeChat message
 * only where the change needs their action (confirm, take up an escalation or a sent-back wish).
 */
export function noticesFor(before: Wish | null, after: Wish, event: WishEvent, audience: Audience): Notice[] {
  const link = `/pages/wish/index?id=${after.id}`;
  const what = `${after.categoryName}·${after.buildingName}`;
  const to = (userIds: readonly (string | null)[], kind: NotificationKind, title: string, body: string, push?: PushTemplate): Notice[] =>
    [...new Set(userIds.filter((u): u is string => !!u && u !== event.actorId))].map((userId) => ({
      userId,
      kind,
      title,
      body,
      link,
      ...(push ? { push } : {}),
    }));
  const routedNow = isAwaitingClaim(after.status) && (!before || !isAwaitingClaim(before.status) || before.teamId !== after.teamId);
  switch (event.action) {
    case 'submit':
      return [];
    case 'route':
    case 'release':
    case 'expire_lease': {
      const releasedId = event.action === 'expire_lease' ? (before?.claimantId ?? null) : null;
      const team = routedNow
        ? to(
            audience.teamMembers.filter((u) => u !== releasedId),
            'wish_routed',
            `新任务:${what}`,
            cut(after.description),
          )
        : [];
      const released =
        event.action === 'expire_lease'
          ? to([before?.claimantId ?? null], 'lease_expired', '认领已自动释放', `${what}:认领后未按时开始,已退回队伍`)
          : [];
      return [...team, ...released];
    }
    case 'claim':
      return to([after.ownerId], 'wish_claimed', `${after.claimantName}认领了您的心愿`, what);
    case 'complete':
    case 'resolve':
      return to([after.ownerId], 'wish_done', '您的心愿已完成,请确认', `${what}:${event.note ?? '请确认是否解决'}`, 'action_needed');
    case 'dispute':
      return to([after.claimantId], 'wish_disputed', '居民说还没解决', `${what}:${event.note ?? ''}`, 'action_needed');
    case 'confirm':
    case 'auto_confirm':
      return to([after.claimantId], 'wish_confirmed', '居民确认了您的服务', what);
    case 'reject':
    case 'close':
    case 'merge':
      return to(
        [after.ownerId],
        'wish_closed',
        event.action === 'merge' ? '您的心愿已与同类心愿合并' : '您的心愿已办结',
        `${what}:${event.note ?? ''}`,
      );
    case 'send_back':
      // By the system: the team's partner agreement ended, so it is the grid worker's to route again.
      return to(
        audience.managers,
        'wish_sent_back',
        event.actorRole === 'system' ? `退回待分派:${what}` : `队伍退单:${what}`,
        event.note ?? '',
        'action_needed',
      );
    case 'send_down':
      return to(
        audience.managers,
        'wish_sent_back',
        `${LEVEL_NAME[before?.level ?? 'community']}退回:${what}`,
        event.note ?? '',
        'action_needed',
      );
    case 'escalate':
      return [
        ...to(audience.managers, 'wish_escalated', `上报到${LEVEL_NAME[after.level]}:${what}`, event.note ?? '', 'action_needed'),
        ...to([after.ownerId], 'wish_escalated', `您的心愿已上报${LEVEL_NAME[after.level]}`, event.note ?? what),
      ];
    default:
      return [];
  }
}

/** The warning to a volunteer whose claim is running out (75 % of the time to start it). */
export const leaseWarning = (w: Wish): Notice => ({
  userId: w.claimantId!,
  kind: 'lease_expiring',
  title: '认领的任务快到开始时限了',
  body: `${w.categoryName}·${w.buildingName}:请尽快开始,或延长一次`,
  link: `/pages/wish/index?id=${w.id}`,
  push: 'action_needed',
});

/** The resident's own wish gained a neighbour's "me too" (我也遇到); `supporters` counts them now. */
export const supportNotice = (w: Wish, supporters: number): Notice => ({
  userId: w.ownerId,
  kind: 'wish_supported',
  title: '邻居也遇到了同样的问题',
  body: `${w.categoryName}·${w.buildingName}:已有${supporters}位邻居`,
  link: `/pages/wish/index?id=${w.id}`,
});
