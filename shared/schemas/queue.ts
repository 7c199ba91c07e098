import * as z from 'zod';
import { Id, page, PageQuery } from './common';
import { Level, SlaState } from './sla';
import { TeamKind } from './teams';
import { WishStatus } from './wishes';

/**
 * The queue of a grid worker (their grids), community staff (their community, and its grids) or street
 * staff (what was escalated to their street): open wishes at that level, filtered, oldest or most urgent
 * first (red before yellow, urgent before normal, more supporters first).
 */
export const QueueQuery = PageQuery.extend({
  order: z.enum(['oldest', 'urgent']).default('oldest'),
  stage: WishStatus.optional(),
  category: Id.optional(),
  gridId: Id.optional(),
  level: Level.optional(),
  overdue: z.enum(['yellow', 'red']).optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** One team routing could send a wish to, ranked, with the reasons in words staff and teams read. */
export const Candidate = z.object({
  teamId: Id,
  teamName: z.string(),
  kind: TeamKind,
  /** serves the wish's grid, its whole community, or a partner community's team under an agreement. */
  reach: z.enum(['grid', 'community', 'partner']),
  /** Fit to take it now (skill, reach, below its caps, a member available). */
  eligible: z.boolean(),
  /** Routing may send it there without a person (co-building units are routed by hand). */
  automatic: z.boolean(),
  reasons: z.array(z.string()),
  active: z.number().int(),
  cap: z.number().int(),
  freeNow: z.number().int(),
});
export type Candidate = z.infer<typeof Candidate>;

export const CandidateList = z.object({ items: z.array(Candidate), sla: SlaState });
export type CandidateList = z.infer<typeof CandidateList>;

/** An open wish a neighbour may join ("me too"): a shared place, the poster's name masked, no flat or phone. */
export const SimilarWish = z.object({
  id: Id,
  categoryName: z.string(),
  description: z.string(),
  buildingName: z.string(),
  status: WishStatus,
  supporters: z.number().int(),
  createdAt: z.string(),
  ownerName: z.string(),
});
export type SimilarWish = z.infer<typeof SimilarWish>;
export const SimilarList = z.object({ items: z.array(SimilarWish) });
export type SimilarList = z.infer<typeof SimilarList>;
export const SimilarQuery = z.strictObject({ buildingId: Id, category: Id });

export const SupportBody = z.strictObject({ onBehalfOf: Id.optional(), consent: z.literal(true).optional() });
export const SupportPage = page(z.object({ wishId: Id, at: z.string() }));
