import * as z from 'zod';
import { Id, page, PageQuery } from './common';

/**
 * Volunteers' credit (积分): a ledger of entries, one for every confirmed task for its claimant, never edited;
 * a mistake or abuse is undone only by a new entry that reverses it.
 */
export const CreditEntry = z.object({
  id: z.string(),
  userId: Id,
  kind: z.enum(['task', 'reversal']),
  points: z.number().int(),
  wishId: Id,
  teamId: Id.nullable(),
  categoryId: Id,
  categoryName: z.string(),
  /** What the entry records, in words: 完成「电路照明」心愿, or why it was reversed. */
  note: z.string(),
  /** A reversal: the entry it undoes, and who did it. */
  reverses: z.string().nullable().default(null),
  by: z.object({ userId: Id, name: z.string() }).nullable().default(null),
  at: z.string(),
});
export type CreditEntry = z.infer<typeof CreditEntry>;

export const CreditEntryPage = page(CreditEntry);

/** `GET /credits/me`: the balance and the entries, newest first. */
export const MyCredits = z.object({
  balance: z.number().int(),
  entries: z.number().int(),
  items: z.array(CreditEntry),
  cursor: z.string().nullable(),
});
export type MyCredits = z.infer<typeof MyCredits>;

/** `GET /credits?teamId=`: a team's members with their balances, and the entries earned on its wishes. */
export const TeamCreditsQuery = PageQuery.extend({ teamId: Id });
export type TeamCreditsQuery = z.infer<typeof TeamCreditsQuery>;
export const TeamCredits = z.object({
  teamId: Id,
  members: z.array(z.object({ userId: Id, name: z.string(), balance: z.number().int() })),
  items: z.array(CreditEntry),
  cursor: z.string().nullable(),
});
export type TeamCredits = z.infer<typeof TeamCredits>;

/** The points a confirmed task of each category earns (data, the operator's); a category not listed earns `fallback`. */
export const CreditPoints = z.object({
  points: z.record(Id, z.number().int().min(0).max(1000)),
  fallback: z.number().int().min(0).max(1000),
});
export type CreditPoints = z.infer<typeof CreditPoints>;

/** `POST /credits/reversals`: the operator undoes a task's credit (abuse), with the reason; the original entry stays. */
export const CreditReversalBody = z.strictObject({ wishId: Id, reason: z.string().trim().min(2, 'say why in a few words').max(200) });
export type CreditReversalBody = z.infer<typeof CreditReversalBody>;
