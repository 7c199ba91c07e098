import * as z from 'zod';
import { Id, page, PageQuery } from './common';
import { Level, SlaState } from './sla';
import { WallItem, WishEvent, WishStatus } from './wishes';

/**
 * The figures staff are judged by, computed from the events of each wish (docs/figures.md says exactly how):
 * 响应率, 解决率, 满意率, 按期处置率, 返工率, 退单率.
 */
export const FIGURE_KEYS = ['response', 'resolution', 'satisfaction', 'onTime', 'rework', 'sendBack'] as const;
export const FigureKey = z.enum(FIGURE_KEYS);
export type FigureKey = z.infer<typeof FigureKey>;

/** The counts shown beside the figures. Every wish not merged is exactly one of open, confirmed, autoConfirmed, closedUnfixed, rejected, removed. */
export const COUNT_KEYS = [
  'submitted',
  'byProxy',
  'confirmed',
  'autoConfirmed',
  'closedUnfixed',
  'rejected',
  /** Rejected or closed by the operator as abuse: in no figure. */
  'removed',
  'merged',
  'open',
  'openOverdue',
  'escalated',
  'council',
  /** Wishes whose done deadline was extended, and those of them done after the original deadline but within the extension. */
  'extended',
  'doneInExtension',
] as const;
export const CountKey = z.enum(COUNT_KEYS);
export type CountKey = z.infer<typeof CountKey>;

const Count = z.number().int();

export const Figure = z.object({ numerator: Count, denominator: Count, rate: z.number().min(0).max(1).nullable() });
export type Figure = z.infer<typeof Figure>;
export const Figures = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, Figure])) as Record<FigureKey, typeof Figure>);
export type Figures = z.infer<typeof Figures>;
export const Counts = z.object(Object.fromEntries(COUNT_KEYS.map((k) => [k, Count])) as Record<CountKey, typeof Count>);
export type Counts = z.infer<typeof Counts>;

export const FigureScope = z.enum(['grid', 'community', 'street', 'team']);
export type FigureScope = z.infer<typeof FigureScope>;

/** A calendar month, Beijing time: 2026-11. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-11');
export type Month = z.infer<typeof Month>;

/** `GET /figures`: one scope's month (this month unless said). */
export const FiguresQuery = z.strictObject({ scope: FigureScope, id: Id, month: Month.optional() });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const FiguresView = z.object({
  scope: FigureScope,
  id: Id,
  name: z.string(),
  month: Month,
  figures: Figures,
  counts: Counts,
});
export type FiguresView = z.infer<typeof FiguresView>;

/** `GET /figures/public`: a resident's own community, counts and the three rates only. */
export const PublicFiguresQuery = z.strictObject({ month: Month.optional(), communityId: Id.optional() });
export type PublicFiguresQuery = z.infer<typeof PublicFiguresQuery>;
const Rate = z.number().min(0).max(1).nullable();
export const PublicFigures = z.object({
  communityId: Id,
  name: z.string(),
  month: Month,
  rates: z.object({ response: Rate, resolution: Rate, satisfaction: Rate }),
  counts: Counts,
});
export type PublicFigures = z.infer<typeof PublicFigures>;

/** numerator: counted for; denominator: everything counted; missing: in the denominator, not the numerator ("which wishes cost us this point"). */
export const FigurePart = z.enum(['numerator', 'denominator', 'missing']);
export type FigurePart = z.infer<typeof FigurePart>;

/** The wishes behind a part of a figure (`figure` and `part`), or behind a count (`count`: submitted, escalated, …). */
export const FigureWishesQuery = PageQuery.extend({
  scope: FigureScope,
  id: Id,
  month: Month,
  figure: FigureKey.optional(),
  part: FigurePart.optional(),
  count: CountKey.optional(),
}).superRefine((q, ctx) => {
  const figure = q.figure !== undefined || q.part !== undefined;
  if (figure && q.count !== undefined)
    ctx.addIssue({ code: 'custom', path: ['count'], message: 'ask for a figure and its part, or for a count, not both' });
  else if (!figure && q.count === undefined)
    ctx.addIssue({ code: 'custom', path: ['figure'], message: 'name a figure and its part, or a count' });
  else if (figure && (q.figure === undefined || q.part === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [q.figure === undefined ? 'figure' : 'part'],
      message: 'a figure needs its part, and a part its figure',
    });
});
export type FigureWishesQuery = z.infer<typeof FigureWishesQuery>;

/** A wish behind a figure: where, what, its state and dates; every person's name masked, no words, no flat, no phone. */
export const FigureWish = z.object({
  id: Id,
  status: WishStatus,
  categoryName: z.string(),
  buildingName: z.string(),
  gridId: Id,
  level: Level,
  ownerName: z.string(),
  teamName: z.string().nullable(),
  claimantName: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  sla: SlaState,
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type FigureWish = z.infer<typeof FigureWish>;
/**
 * A page of the wishes behind a number. `hidden`: wishes of this page the reader may not see (a team that serves
 * several communities lists the others' wishes too: staff see their own community's only); counted, not shown.
 */
export const FigureWishPage = page(FigureWish).extend({ hidden: z.number().int().min(0).default(0) });
export type FigureWishPage = z.infer<typeof FigureWishPage>;

/** `GET /figures/trend`: the months up to `month` (this month unless said), oldest first. */
export const TrendQuery = z.strictObject({
  scope: FigureScope,
  id: Id,
  months: z.coerce.number().int().min(1).max(24).default(6),
  month: Month.optional(),
});
export type TrendQuery = z.infer<typeof TrendQuery>;
export const MonthFigures = z.object({ month: Month, figures: Figures, counts: Counts });
export const Trend = z.object({ scope: FigureScope, id: Id, name: z.string(), items: z.array(MonthFigures) });
export type Trend = z.infer<typeof Trend>;

/** `GET /figures/compare`: the grids of a community, or the communities of a street, side by side. */
export const CompareQuery = z.strictObject({ scope: z.enum(['community', 'street']), id: Id, month: Month.optional() });
export type CompareQuery = z.infer<typeof CompareQuery>;
export const Comparison = z.object({
  scope: z.enum(['community', 'street']),
  id: Id,
  name: z.string(),
  month: Month,
  items: z.array(FiguresView),
});
export type Comparison = z.infer<typeof Comparison>;

/** `GET /figures/export`: a street's month as CSV, one row per grid. */
export const ExportQuery = z.strictObject({ scope: z.literal('street'), id: Id, month: Month.optional() });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ClockName = z.enum(['route', 'claim', 'lease', 'done', 'confirm']);

/**
 * An event as the figures read it: the stored event with the facts the data layer records on it as it is written
 * (functions/data/figures.ts): the team it concerns, the done deadline in force when it happened, and for the
 * clock's own events the clock whose end they record. Events written before these facts existed lack them.
 */
export const FigureEvent = WishEvent.extend({
  team: Id.nullable().optional(),
  doneBy: z.string().nullable().optional(),
  clock: ClockName.nullable().optional(),
});
export type FigureEvent = z.infer<typeof FigureEvent>;

/** `GET /figures/report`: a community's month for the residents' wall and the noticeboard (this month unless said). */
export const ReportQuery = z.strictObject({ communityId: Id.optional(), month: Month.optional() });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** 本月收到 N 件,解决 M 件; the three rates; by category; the best-rated wishes residents agreed to publish. */
export const MonthlyReport = z.object({
  communityId: Id,
  name: z.string(),
  month: Month,
  /** Wishes submitted in the month (a merged one counts in the wish it joined). */
  received: z.number().int(),
  /** Of them, confirmed as solved (by the resident, on their behalf, or automatically). */
  resolved: z.number().int(),
  rates: z.object({ response: Figure, resolution: Figure, satisfaction: Figure }),
  categories: z.array(z.object({ category: Id, categoryName: z.string(), received: z.number().int(), resolved: z.number().int() })),
  /** The best-rated confirmed wishes whose residents agreed to publish them, as the wall shows them (names masked). */
  best: z.array(WallItem),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;
