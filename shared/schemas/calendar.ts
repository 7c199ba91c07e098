import * as z from 'zod';

export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-10-01');
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:30');

const Span = z.object({ from: TimeOfDay, to: TimeOfDay }).refine((s) => s.from < s.to, { message: 'from must be before to' });

/** The office hours of a working day, Beijing time, e.g. 08:30–12:00 and 14:00–17:30. */
export const WorkingHours = z
  .array(Span)
  .min(1)
  .max(4)
  .refine((spans) => spans.every((s, i) => i === 0 || spans[i - 1].to <= s.from), { message: 'spans in order, not overlapping' });
export type WorkingHours = z.infer<typeof WorkingHours>;

/**
 * One year of the working-day calendar (工作日历), as the State Council's yearly notice sets it: public
 * holidays (节假日), the make-up working days on weekends (调休上班), and the hours of a working day.
 */
export const CalendarYear = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(DateString),
  workdays: z.array(DateString),
  hours: WorkingHours,
  /** Where the days came from: the chinese-days package, or a staff member's edit. */
  source: z.string(),
  updatedAt: z.string(),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarYearBody = z.strictObject({
  holidays: z.array(DateString).max(60),
  workdays: z.array(DateString).max(30),
  hours: WorkingHours,
});
export type CalendarYearBody = z.infer<typeof CalendarYearBody>;

export const YearPath = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

/** The years staff see, with a warning when next year's days are not in yet (the notice comes out each autumn). */
export const CalendarOverview = z.object({
  years: z.array(CalendarYear),
  /** Set when next year has no calendar: working time then falls back to Monday–Friday. */
  warning: z.string().nullable(),
});
export type CalendarOverview = z.infer<typeof CalendarOverview>;
