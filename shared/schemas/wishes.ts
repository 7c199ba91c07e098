import * as z from 'zod';
import { Id, page, PageQuery } from './common';
import { Level, SlaState } from './sla';

export const WISH_STATUSES = [
  'submitted',
  'routed',
  'claimed',
  'in_progress',
  'done',
  'confirmed',
  'closed_unfixed',
  'rejected',
  /** Joined to another wish about the same thing (its owner became a supporter there). */
  'merged',
] as const;
export const WishStatus = z.enum(WISH_STATUSES);
export type WishStatus = z.infer<typeof WishStatus>;

export const WISH_ACTIONS = [
  'route',
  'claim',
  'release',
  'start',
  'complete',
  'confirm',
  'dispute',
  'reject',
  'close',
  /** A team sends a wish that reached the wrong unit back to triage (退单), with a reason. */
  'send_back',
  /** The grid worker or staff solved it themselves (a call, a word with the property company). */
  'resolve',
  /** Up one level (grid → community → street), by hand (吹哨) or by the clock. */
  'escalate',
  /** The receiving level hands it back down, with a reason. */
  'send_down',
  /** The claimant needs more time to start, once. */
  'extend_lease',
  /** A later deadline for the work, with a reason; beyond the longest the level above approves. */
  'extend_deadline',
  'merge',
  /** By the clock only: a claim not started in time is released to the team again. */
  'expire_lease',
  /** By the clock only: done and not confirmed within the limit. */
  'auto_confirm',
] as const;
export const WishAction = z.enum(WISH_ACTIONS);
export type WishAction = z.infer<typeof WishAction>;
/** Actions only the clock takes; no route accepts them. */
export const SYSTEM_ACTIONS: readonly WishAction[] = ['expire_lease', 'auto_confirm'];
/** What a person may ask for. */
export const UserActionName = WishAction.exclude(['expire_lease', 'auto_confirm']);
export type UserAction = z.infer<typeof UserActionName>;
export const USER_ACTIONS: readonly UserAction[] = UserActionName.options;

export const Urgency = z.enum(['normal', 'urgent']);
export type Urgency = z.infer<typeof Urgency>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Reason = z.string().trim().min(2, 'say why in a few words').max(500);

/** A wish, or 请回电: a resident who would rather talk asks the grid worker to call them back. */
export const WishKind = z.enum(['wish', 'callback']);
export type WishKind = z.infer<typeof WishKind>;

export const WishCreateBody = z
  .strictObject({
    kind: WishKind.default('wish'),
    description: z.string().trim().max(500).default(''),
    /** Required for a wish; a call-back has its own. */
    category: Id.optional(),
    buildingId: Id,
    /** Where exactly, when it is not the resident's own flat (e.g. 院门口). */
    flat: Text(40).optional(),
    urgency: Urgency.default('normal'),
    /**
     * About a shared place (楼道, 院门口) rather than the resident's own home: neighbours posting the same
     * may see it and say "me too" (我也遇到) instead of posting again.
     */
    shared: z.boolean().default(false),
    /** A grid worker filing for a resident met on a door-to-door visit. */
    onBehalfOf: Id.optional(),
    consent: z.literal(true).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'wish' && [...b.description].length < 4)
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'describe the need in at least 4 characters' });
    if (b.kind === 'wish' && !b.category)
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'pick a category from GET /categories' });
    if (b.onBehalfOf && b.consent !== true)
      ctx.addIssue({
        code: 'custom',
        path: ['consent'],
        message: "record the resident's consent (consent: true) when filing on their behalf",
      });
  });
export type WishCreateBody = z.infer<typeof WishCreateBody>;

/** A grid worker or staff member acting for the resident must say the resident agreed. */
const OnBehalf = { consent: z.literal(true).optional() };

/** A reason is needed when the team chosen is not the one routing ranks first (an override). */
export const RouteBody = z.strictObject({ teamId: Id, reason: Reason.optional() });
/**
 * The wish as its page showed this volunteer, sealed by the server (WishDetail.seen): handed back with the claim,
 * it spares the server a read when nothing changed since. Opaque to the client; optional.
 */
export const Seen = z.string().min(1).max(12_000);
export const ClaimBody = z.strictObject({ seen: Seen.optional() });
export const StartBody = z.strictObject({});
export const ReleaseBody = z.strictObject({ reason: Text(500).optional() });
export const CompleteBody = z.strictObject({ note: Text(500).optional() });
/**
 * What a resident agrees to show on the community's public wall (心愿墙) when confirming: nothing, a
 * summary (category, building, masked name, who helped, rating), or also their own words (the wish and
 * the comment). Nothing unless they say so.
 */
export const WallConsent = z.enum(['hidden', 'summary', 'full']);
export type WallConsent = z.infer<typeof WallConsent>;

export const ConfirmBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: Text(500).optional(),
  wall: WallConsent.default('hidden'),
  ...OnBehalf,
});
export const DisputeBody = z.strictObject({ reason: Reason, ...OnBehalf });
export const RejectBody = z.strictObject({ reason: Reason });
export const CloseBody = z.strictObject({ reason: Reason });
export const SendBackBody = z.strictObject({ reason: Reason });
export const ResolveBody = z.strictObject({ note: Reason, ...OnBehalf });
export const EscalateBody = z.strictObject({ reason: Reason });
export const SendDownBody = z.strictObject({ reason: Reason });
export const ExtendLeaseBody = z.strictObject({});
export const ExtendDeadlineBody = z.strictObject({ workingDays: z.number().int().min(1).max(60), reason: Reason });
export const MergeBody = z.strictObject({ intoId: Id, reason: Reason });
const SystemBody = z.strictObject({ note: Text(200) });

export const ActionBodies = {
  route: RouteBody,
  claim: ClaimBody,
  release: ReleaseBody,
  start: StartBody,
  complete: CompleteBody,
  confirm: ConfirmBody,
  dispute: DisputeBody,
  reject: RejectBody,
  close: CloseBody,
  send_back: SendBackBody,
  resolve: ResolveBody,
  escalate: EscalateBody,
  send_down: SendDownBody,
  extend_lease: ExtendLeaseBody,
  extend_deadline: ExtendDeadlineBody,
  merge: MergeBody,
  expire_lease: SystemBody,
  auto_confirm: SystemBody,
} as const satisfies Record<WishAction, z.ZodType>;
export type ActionBody<A extends WishAction> = z.infer<(typeof ActionBodies)[A]>;
export type AnyActionBody = { [A in WishAction]: ActionBody<A> }[WishAction];

/** A wish as stored and as shown; what a viewer may not see is nulled or masked (domain/wish-view.ts). */
export const Wish = z.object({
  id: Id,
  status: WishStatus,
  category: Id,
  categoryName: z.string(),
  description: z.string(),
  urgency: Urgency,
  streetId: Id,
  communityId: Id,
  gridId: Id,
  buildingId: Id,
  buildingName: z.string(),
  flat: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string(),
  contactPhone: z.string().nullable(),
  filedBy: z.object({ userId: Id, name: z.string(), consentAt: z.string() }).nullable(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  claimantId: Id.nullable(),
  claimantName: z.string().nullable(),
  /** The claimant agreed (in their volunteer profile, when they claimed) that the wall shows their name; masked otherwise. */
  claimantNameOnWall: z.boolean().default(false),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
  /** Whether a grid worker or staff member has confirmed who and where the resident is. */
  ownerVerified: z.boolean().default(true),
  kind: WishKind.default('wish'),
  shared: z.boolean().default(false),
  /** Whose desk it is on: the grid's worker, the community's staff, or the street's. */
  level: Level.default('grid'),
  /** Neighbours who said "me too" (我也遇到); more of them raise its priority. */
  supporters: z.number().int().min(0).default(0),
  /** Clock starts: back in triage since (submitted, sent back), routed (or released) at, claimed at, done at. */
  triageSince: z.string().nullable().default(null),
  routedAt: z.string().nullable().default(null),
  claimedAt: z.string().nullable().default(null),
  doneAt: z.string().nullable().default(null),
  /** A claim is a lease: start by then, or it goes back to the team (extendable once). */
  leaseUntil: z.string().nullable().default(null),
  leaseExtended: z.boolean().default(false),
  /** The work is due by then (3 working days after submission unless extended); null before the first clock ran. */
  doneBy: z.string().nullable().default(null),
  /** How its clocks stand now, the nearest deadline, and when the clock next needs to look at it. */
  sla: SlaState.default('ok'),
  deadline: z.string().nullable().default(null),
  dueAt: z.string().nullable().default(null),
  /** Clock runs that have escalated already: none escalates twice. */
  escalated: z.array(z.string()).default([]),
  /** Teams that sent it back: automatic routing passes them over. */
  sentBackBy: z.array(Id).default([]),
  /** Why it went to its team (the ranking's reasons), or why no team was chosen; staff and the team see it. */
  routingNote: z.string().nullable().default(null),
  mergedInto: Id.nullable().default(null),
  /**
   * Raised to the residents' council (转入居民议事会): its topic, and whether the council holds it now. While it
   * does, its clocks are stopped (a council takes weeks) and it is out of the triage queues; it comes back to
   * triage when the topic is declined, or to routing when the council makes it a task.
   */
  council: z.object({ topicId: Id, paused: z.boolean() }).nullable().optional(),
  /** Set when the resident confirms; wishes confirmed before consent was asked show no free text. */
  wallConsent: WallConsent.default('summary'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Wish = z.infer<typeof Wish>;

export const ActorRole = z.enum(['resident', 'volunteer', 'gridWorker', 'staff', 'streetStaff', 'admin', 'system']);
export type ActorRole = z.infer<typeof ActorRole>;

export const WishEvent = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  /** `council`: raised to the residents' council (its clocks stop); `council_return`: the council gave it back. */
  /** `overdue`: the clock recorded a deadline passing on a wish already at the street, where nothing is higher to go to. */
  action: z.union([
    z.literal('submit'),
    z.literal('support'),
    z.literal('council'),
    z.literal('council_return'),
    z.literal('overdue'),
    WishAction,
  ]),
  from: WishStatus.nullable(),
  to: WishStatus,
  actorId: z.string(),
  actorName: z.string(),
  actorRole: ActorRole,
  /** True when a grid worker or staff member acted for the resident with recorded consent. */
  onBehalf: z.boolean(),
  note: z.string().nullable(),
});
export type WishEvent = z.infer<typeof WishEvent>;

export const WishDetail = z.object({
  wish: Wish,
  timeline: z.array(WishEvent),
  /** What the signed-in viewer may do next, from the shared state machine. */
  allowedActions: z.array(UserActionName),
  /** Whether the viewer said "me too" to it, and may still. */
  supporting: z.boolean().default(false),
  maySupport: z.boolean().default(false),
  /** Offered when the viewer may claim it: hand it back with the claim (ClaimBody). */
  seen: Seen.optional(),
});
export type WishDetail = z.infer<typeof WishDetail>;

export const WishPage = page(Wish);
export type WishPage = z.infer<typeof WishPage>;

export const WishListQuery = PageQuery.extend({
  /** mine: the resident's own wishes; supported: those they said "me too" to. */
  scope: z.enum(['mine', 'supported']),
});
export type WishListQuery = z.infer<typeof WishListQuery>;

export const TaskListQuery = PageQuery.extend({
  view: z.enum(['all', 'open', 'mine']).default('all'),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const WishIdPath = z.strictObject({ id: Id });

/**
 * A fulfilled wish as the public wall (心愿墙) shows it: no flat, no phone, the resident's name masked,
 * and their words (description, comment) only if they agreed to show them.
 */
export const WallItem = z.object({
  id: Id,
  categoryName: z.string(),
  description: z.string().nullable(),
  buildingName: z.string(),
  ownerName: z.string(),
  teamName: z.string().nullable(),
  claimantName: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
  fulfilledAt: z.string(),
});
export type WallItem = z.infer<typeof WallItem>;

export const WallPage = page(WallItem);
export type WallPage = z.infer<typeof WallPage>;

export const WallQuery = PageQuery.extend({
  communityId: Id.optional(),
});
export type WallQuery = z.infer<typeof WallQuery>;
