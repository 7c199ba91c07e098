import * as z from 'zod';
import { Id, page, PageQuery } from './common';

/**
 * WeChat subscribe-message templates the app may send, one per kind of message a user can be asked to
 * allow. Each allowance the user gives lets one message through (WeChat's one-time subscription).
 */
export const PUSH_TEMPLATES = ['action_needed', 'booking_result', 'booking_reminder', 'waitlist_offer'] as const;
export const PushTemplate = z.enum(PUSH_TEMPLATES);
export type PushTemplate = z.infer<typeof PushTemplate>;

/** Why a user is told something. Each kind is written in the same transaction as the event it reports. */
export const NOTIFICATION_KINDS = [
  'wish_routed',
  'wish_claimed',
  'wish_done',
  'wish_released',
  'lease_expiring',
  'lease_expired',
  'wish_escalated',
  'wish_sent_back',
  'wish_overdue',
  'wish_confirmed',
  'wish_closed',
  'wish_disputed',
  'wish_supported',
  'volunteer_application',
  'volunteer_decision',
  /** A partner agreement ended while one of the partner team's volunteers held a wish of the grid. */
  'partnership_ended',
  // Booking (issue 8)
  'booking_confirmed',
  'booking_applied',
  'booking_waiting',
  'booking_offered',
  'booking_offer_expired',
  'booking_drawn',
  'booking_not_drawn',
  'booking_reminder',
  'booking_no_show',
  'booking_excused',
  'booking_cancelled',
  'booking_changed',
  // The residents' council (issue 14)
  /** A topic one follows moved (its proposer, the owners of its wishes), or lapsed. */
  'council_topic',
  /** A council member is invited to a meeting (发布公告), and reminded the day before. */
  'council_invitation',
  'council_reminder',
  /** A staff task of the council given to its owner, or late (the owner and the community's staff). */
  'council_task',
  /** An objection to a published result (staff), and its answer (the resident). */
  'council_objection',
  /** A ballot's witness: the list is published, reveal the secret (issue 16). */
  'draw_witness',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const PushState = z.enum(['pending', 'sent', 'recorded', 'skipped', 'failed']);
export type PushState = z.infer<typeof PushState>;

export const Notification = z.object({
  id: z.string(),
  userId: Id,
  at: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** The page tapping it opens, e.g. `/pages/wish/index?id=…`. */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  /** The WeChat subscribe message for it, if it needs the user's action; `recorded`: the local stage's stand-in. */
  push: z.object({ template: PushTemplate, state: PushState, at: z.string().nullable(), reason: z.string().nullable() }).nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = page(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ unread: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationIdPath = z.strictObject({ id: z.string().min(1).max(200) });

/** What the user allowed when the mini-program asked (wx.requestSubscribeMessage): one message each. */
export const SubscriptionsBody = z.strictObject({ accepted: z.array(PushTemplate).min(1).max(PUSH_TEMPLATES.length) });
export type SubscriptionsBody = z.infer<typeof SubscriptionsBody>;

export const Subscriptions = z.object({ allowances: z.record(PushTemplate, z.number().int().min(0)) });
export type Subscriptions = z.infer<typeof Subscriptions>;

export const NotificationListQuery = PageQuery.extend({
  /** 'true': only the unread ones. */
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;
