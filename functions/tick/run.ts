import type { BookingDueKind } from '../../shared/domain/booking/schedule';
import type { CouncilDueKind } from '../../shared/domain/council/clock';
import type { TickSummary } from '../../shared/schemas/tick';
import { dueBy, type DueKind } from '../data/due';
import { logger } from '../http/log';
import type { TickOutcome } from './outcome';

type Processor = (ref: string, now: Date) => Promise<TickOutcome>;

/*
 * Each clock's code is loaded when that clock first has a due item, not at cold start: most runs find one or two
 * kinds due (often none), and building every clock's modules and schemas at load made tick the slowest function
 * to start (README, Benchmarks). The bundle keeps a module reached only through import() behind a lazy wrapper
 * (esbuild's __esm), so what no due item needs is never evaluated; a container loads each clock once. (The bundler
 * gives the SDK's client package a slim entry so that wrapping does not bring back all of it: scripts/build/slim-dynamodb.cjs.)
 */
const fromBooking = (kind: BookingDueKind) => () => import('./booking').then((m) => m.BOOKING_PROCESSORS[kind]);
const fromCouncil = (kind: CouncilDueKind) => () => import('../council/clock').then((m) => m.COUNCIL_PROCESSORS[kind]);

/** What acts on each kind of due item. Each re-reads its item and is idempotent: a second run for the same moment changes nothing. */
const PROCESSORS: Record<DueKind, () => Promise<Processor>> = {
  wish: () => import('../wishes/clock-tick').then((m) => m.processWishClock),
  push: () => import('../notifications/push').then((m) => m.processPush),
  booking_offer: fromBooking('booking_offer'),
  service_slots: fromBooking('service_slots'),
  slot_ballot: fromBooking('slot_ballot'),
  slot_release: fromBooking('slot_release'),
  slot_reminder: fromBooking('slot_reminder'),
  slot_noshow: fromBooking('slot_noshow'),
  council: fromCouncil('council'),
  council_task: fromCouncil('council_task'),
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
            outcome = await (await PROCESSORS[entry.kind]())(entry.ref, now);
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
