import * as z from 'zod';
import { Id, page } from './common';

export const WISH_STATUSES = [
  'submitted',
  'routed',
  'claimed',
  'in_progress',
  'done',
  'confirmed',
  'closed_unfixed',
  'rejected',
] as const;
export const WishStatus = z.enum(WISH_STATUSES);
export type WishStatus = z.infer<typeof WishStatus>;

export const WISH_ACTIONS = ['route', 'claim', 'release', 'start', 'complete', 'confirm', 'dispute', 'reject', 'close'] as const;
export const WishAction = z.enum(WISH_ACTIONS);
export type WishAction = z.infer<typeof WishAction>;

export const Urgency = z.enum(['normal', 'urgent']);
export type Urgency = z.infer<typeof Urgency>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Reason = z.string().trim().min(2, 'say why in a few words').max(500);

export const WishCreateBody = z
  .strictObject({
    description: z.string().trim().min(4, 'describe the need in at least 4 characters').max(500),
    category: Id,
    buildingId: Id,
    /** Where exactly, when it is not the resident's own flat (e.g. 院门口). */
    flat: Text(40).optional(),
    urgency: Urgency.default('normal'),
    /** A grid worker filing for a resident met on a door-to-door visit. */
    onBehalfOf: Id.optional(),
    consent: z.literal(true).optional(),
  })
  .refine((b) => !b.onBehalfOf || b.consent === true, {
    path: ['consent'],
    message: "record the resident's consent (consent: true) when filing on their behalf",
  });
export type WishCreateBody = z.infer<typeof WishCreateBody>;

/** A grid worker or staff member acting for the resident must say the resident agreed. */
const OnBehalf = { consent: z.literal(true).optional() };

export const RouteBody = z.strictObject({ teamId: Id });
export const ClaimBody = z.strictObject({});
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
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
  /** Whether a grid worker or staff member has confirmed who and where the resident is. */
  ownerVerified: z.boolean().default(true),
  /** Set when the resident confirms; wishes confirmed before consent was asked show no free text. */
  wallConsent: WallConsent.default('summary'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Wish = z.infer<typeof Wish>;

export const ActorRole = z.enum(['resident', 'volunteer', 'gridWorker', 'staff', 'admin', 'system']);
export type ActorRole = z.infer<typeof ActorRole>;

export const WishEvent = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: z.union([z.literal('submit'), WishAction]),
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
  allowedActions: z.array(WishAction),
});
export type WishDetail = z.infer<typeof WishDetail>;

export const WishPage = page(Wish);
export type WishPage = z.infer<typeof WishPage>;

export const WishListQuery = z.strictObject({
  scope: z.literal('mine'),
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type WishListQuery = z.infer<typeof WishListQuery>;

export const TaskListQuery = z.strictObject({
  view: z.enum(['all', 'open', 'mine']).default('all'),
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
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

export const WallQuery = z.strictObject({
  communityId: Id.optional(),
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type WallQuery = z.infer<typeof WallQuery>;
