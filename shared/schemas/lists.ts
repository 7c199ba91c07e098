import * as z from 'zod';
import { Id } from './common';
import { FigureWish } from './figures';
import { TeamKind } from './teams';

/**
 * The three lists (三个清单) staff and grid workers keep: 需求清单 what residents need now, 资源清单 who and what
 * can help this week, 问题清单 what is stuck. Each row opens to its items (the wishes, the team, the service).
 */

/** A grid (a grid worker's), a community (its staff), a street (its staff); who reads which is as for the figures. */
export const ListScope = z.enum(['grid', 'community', 'street']);
export type ListScope = z.infer<typeof ListScope>;
export const ListsQuery = z.strictObject({ scope: ListScope, id: Id });
export type ListsQuery = z.infer<typeof ListsQuery>;

const Count = z.number().int().min(0);

/** `GET /lists/needs`: the open wishes of the scope in its queues, by category and grid, the most first. */
export const NeedsList = z.object({
  scope: ListScope,
  id: Id,
  name: z.string(),
  total: Count,
  rows: z.array(
    z.object({
      category: Id,
      categoryName: z.string(),
      gridId: Id,
      gridName: z.string(),
      open: Count,
      /** Past a deadline now (red). */
      red: Count,
      urgent: Count,
      /** When the longest-waiting of them was submitted. */
      oldest: z.string(),
      /** The wishes, oldest first, names masked. */
      wishes: z.array(FigureWish),
    }),
  ),
});
export type NeedsList = z.infer<typeof NeedsList>;

/** `GET /lists/resources`: the teams serving the scope and the community's bookable services, this week (Beijing). */
export const ResourcesList = z.object({
  scope: ListScope,
  id: Id,
  name: z.string(),
  /** Monday and Sunday of this week. */
  week: z.object({ from: z.string(), to: z.string() }),
  teams: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: TeamKind,
      communityId: Id,
      /** A partner team of another community, lent by an agreement (融合网格). */
      partner: z.boolean(),
      skills: z.array(z.string()),
      members: Count,
      /** Members not paused (on holiday, ill). */
      available: Count,
      /** Hours its available members are usually free this week (their working-day and rest-day hours, by the calendar). */
      freeHours: z.number().min(0),
      /** Open claims now, and the most it takes at once. */
      load: Count,
      cap: Count,
      people: z.array(
        z.object({
          name: z.string(),
          role: z.enum(['lead', 'member']),
          skills: z.array(z.string()),
          freeHours: z.number(),
          paused: z.boolean(),
        }),
      ),
    }),
  ),
  services: z.array(
    z.object({
      id: Id,
      name: z.string(),
      communityId: Id,
      place: z.string(),
      teamName: z.string().nullable(),
      /** This week's open slots, their seats, and the seats booked. */
      slots: Count,
      seats: Count,
      booked: Count,
      free: Count,
    }),
  ),
});
export type ResourcesList = z.infer<typeof ResourcesList>;

/** Why a wish is on the problems list. */
export const ProblemReason = z.enum(['red', 'escalated', 'sentBackTwice', 'disputed', 'council']);
export type ProblemReason = z.infer<typeof ProblemReason>;

/** `GET /lists/problems`: what is stuck, each wish with every reason it is there; the council's with their topic. */
export const ProblemsList = z.object({
  scope: ListScope,
  id: Id,
  name: z.string(),
  counts: z.object(Object.fromEntries(ProblemReason.options.map((r) => [r, Count])) as Record<ProblemReason, typeof Count>),
  items: z.array(
    FigureWish.extend({
      reasons: z.array(ProblemReason),
      /** Raised to the residents' council: its topic. */
      topic: z.object({ id: Id, title: z.string() }).nullable(),
    }),
  ),
});
export type ProblemsList = z.infer<typeof ProblemsList>;
