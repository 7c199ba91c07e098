import * as z from 'zod';

/** The scheduled event that runs `tick`: EventBridge's, of which only the time matters ("now"). */
export const ScheduledEvent = z.object({ time: z.iso.datetime({ offset: true }) });
export type ScheduledEvent = z.infer<typeof ScheduledEvent>;

/** What one tick run did. */
export const TickSummary = z.object({
  now: z.string(),
  done: z.number().int(),
  skipped: z.number().int(),
  postponed: z.number().int(),
  failed: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** False when the run stopped before the function's timeout with items still due (the next run goes on). */
  complete: z.boolean(),
});
export type TickSummary = z.infer<typeof TickSummary>;
