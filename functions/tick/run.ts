import type { TickSummary } from '../../shared/schemas/tick';
import { dueBy, type DueKind } from '../data/due';
import { logger } from '../http/log';
import { processPush } from '../notifications/push';
import { COUNCIL_PROCESSORS } from '../council/clock';
import { processWishClock } from '../wishes/clock-tick';
import { BOOKING_PROCESSORS } from './booking';
import type { TickOutcome } from './outcome';

/** What acts on each kind of due item. Each re-reads its item and is idempotent: a second run for the same moment changes nothing. */
const PROCESSORS: Record<DueKind, (ref: string, now: Date) => Promise<TickOutcome>> = {
  wish: processWishClock,
  push: processPush,
  ...BOOKING_PROCESSORS,
  ...COUNCIL_PROCESSORS,
};

const PAGE = 100;
const AT_ONCE = 8;

/**
 * All timed work for the moment `now`: every due item (one Query of the due index per page, never a
 * table scan), a few at a time, until none is left or `stopBy` (epoch ms) comes. One item's failure is logged
 * and counted; the rest go on, and the next run tries it again.
 */
export async function runTick(now: Date, stopBy: number): Promise<TickSummary> {
  const summary: TickSummary = { now: now.toISOString(), done: 0, skipped: 0, postponed: 0, failed: 0, byKind: {}, complete: true };
  let after: Record<string, unknown> | undefined;
  do {
    if (Date.now() > stopBy) {
      summary.complete = false;
      break;
    }
    const page = await dueBy(now, PAGE, after);
    after = page.next;
    for (let i = 0; i < page.entries.length; i += AT_ONCE) {
      await Promise.all(
        page.entries.slice(i, i + AT_ONCE).map(async (entry) => {
          let outcome: TickOutcome | 'failed';
          try {
            outcome = await PROCESSORS[entry.kind](entry.ref, now);
          } catch (error) {
            outcome = 'failed';
            logger.error('a due item failed', { kind: entry.kind, ref: entry.ref, dueAt: entry.dueAt, error: error as Error });
          }
          summary[outcome]++;
          summary.byKind[entry.kind] = (summary.byKind[entry.kind] ?? 0) + 1;
        }),
      );
    }
  } while (after);
  return summary;
}
