import * as z from 'zod';
import { Id } from './common';

/** A time limit, in working time (the calendar's office hours) or calendar time. */
const MAX_AMOUNT = { working_minutes: 60 * 8 * 60, working_days: 60, calendar_minutes: 60 * 24 * 60, calendar_days: 90 } as const;

/** At most about 60 working days or 90 calendar days: the working-day calendar counts a year ahead, not more. */
export const Limit = z
  .object({
    amount: z.number().positive(),
    unit: z.enum(['working_minutes', 'working_days', 'calendar_minutes', 'calendar_days']),
  })
  .refine((l) => l.amount <= MAX_AMOUNT[l.unit], { message: 'at most 60 working days or 90 calendar days', path: ['amount'] });
export type Limit = z.infer<typeof Limit>;

const PerUrgency = z.object({ normal: Limit, urgent: Limit });

/**
 * The time limits of every stage, by urgency: data, not code (GET/PUT /sla-limits). Defaults after the
 * digital city-management practice (GB/T 30428, CJ/T 315): routed within 30 working minutes (urgent 10
 * minutes), claimed within a working day (urgent 2 h), a claim started within 4 working hours (a lease),
 * done within 3 working days (at most 7 without the level above), confirmed within 7 days.
 */
export const SlaLimits = z.object({
  route: PerUrgency,
  claim: PerUrgency,
  lease: PerUrgency,
  done: PerUrgency,
  /** The longest deadline the wish's own level may set; beyond it the level above approves. */
  doneMaxWorkingDays: z.number().int().min(1).max(60),
  confirm: Limit,
  /** How long after routing a team may still send a wish back (退单). */
  sendBack: Limit,
  /** The share of a limit after which a stage shows yellow. */
  yellowShare: z.number().gt(0).lt(1),
  /** Posts in the same building and category within this many days are offered as "me too". */
  meTooDays: z.number().int().min(1).max(365),
});
export type SlaLimits = z.infer<typeof SlaLimits>;

export const DEFAULT_SLA: SlaLimits = {
  route: { normal: { amount: 30, unit: 'working_minutes' }, urgent: { amount: 10, unit: 'calendar_minutes' } },
  claim: { normal: { amount: 1, unit: 'working_days' }, urgent: { amount: 120, unit: 'calendar_minutes' } },
  lease: { normal: { amount: 240, unit: 'working_minutes' }, urgent: { amount: 60, unit: 'calendar_minutes' } },
  done: { normal: { amount: 3, unit: 'working_days' }, urgent: { amount: 1, unit: 'working_days' } },
  doneMaxWorkingDays: 7,
  confirm: { amount: 7, unit: 'calendar_days' },
  sendBack: { amount: 2, unit: 'working_days' },
  yellowShare: 0.75,
  meTooDays: 30,
};

export const SlaLimitsBody = SlaLimits.strict();

/**
 * The limits a street works to (GET/PUT /sla-limits): its own once its staff set them, else the operator's
 * default. `streetId: null` is the default itself.
 */
export const SlaLimitsView = SlaLimits.extend({
  streetId: Id.nullable(),
  streetName: z.string().nullable(),
  source: z.enum(['street', 'default']),
});
export type SlaLimitsView = z.infer<typeof SlaLimitsView>;
/** Whose limits: a street's (street staff: their own, the first unless named), or the default (the operator, no streetId). */
export const SlaQuery = z.strictObject({ streetId: Id.optional() });
export type SlaQuery = z.infer<typeof SlaQuery>;

export const LEVELS = ['grid', 'community', 'street'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** ok, or how far a stage has run: yellow at the share above, red at its limit. */
export const SlaState = z.enum(['ok', 'yellow', 'red']);
export type SlaState = z.infer<typeof SlaState>;
