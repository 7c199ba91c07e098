import { runDraw } from '../../shared/domain/booking/ballot';
import { bookingNotes } from '../../shared/domain/booking/notify';
import type { Notice } from '../../shared/domain/notice';
import { isAssisted, moveTo } from '../../shared/domain/booking/status';
import { maskName } from '../../shared/domain/wish-view';
import type { StoredDraw } from '../../shared/schemas/draws';
import type { Slot } from '../../shared/schemas/slots';
import { bookingsOfSlot } from '../data/booking/bookings';
import { getDraw, putDraw } from '../data/booking/draws';
import { getSlot, movePhase, slotOwner } from '../data/booking/slots';
import { finishTimer } from '../data/timers';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { drawnWaitKey, waitPut } from '../data/booking/waitlist';
import { commit, type BookingChange } from './commit';

/** Applicants per transaction: each is a booking, maybe a quota and a waiting-list entry, and notes for two people. */
const BATCH = 8;

/** Freezes the applicants (no application or withdrawal passes a slot that is drawing), then draws once. */
async function frozenDraw(slot: Slot, nowIso: string): Promise<StoredDraw> {
  if (slot.phase === 'applying') await movePhase(slot.id, 'applying', 'drawing', nowIso);
  const existing = await getDraw(slot.id);
  if (existing) return existing;
  const applied = (await bookingsOfSlot(slot.id)).filter((b) => b.status === 'applied' && b.ticket);
  const closedAt = slot.times.ballotClosesAt!;
  const result = runDraw(
    slot.id,
    closedAt,
    slot.seats,
    applied.map((b) => ({ ticket: b.ticket!, weight: b.weight, name: maskName(b.residentName), residentId: b.residentId })),
  );
  // Two runs at once draw the same (the list is frozen, the seed follows from it); the first one stored wins.
  await putDraw({
    id: slot.id,
    slotId: slot.id,
    serviceId: slot.serviceId,
    serviceName: slot.serviceName,
    start: slot.start,
    seats: slot.seats,
    closedAt,
    drawnAt: nowIso,
    ...result,
  });
  return (await getDraw(slot.id))!;
}

/**
 * Winners are booked; the rest wait in drawn order. A batch at a time, each change only from `applied`, so a
 * re-run goes on where it stopped; a batch refused because another run moved it is read again.
 */
async function applyOutcomes(slot: Slot, draw: StoredDraw, nowIso: string): Promise<void> {
  const byTicket = new Map(draw.entries.map((e) => [e.ticket, e]));
  for (let more = true; more; ) more = await optimistic('apply a draw', () => applyBatch(slot, byTicket, nowIso));
}

/** Applies the next batch of outcomes; false once nobody is left to apply. */
async function applyBatch(slot: Slot, byTicket: ReadonlyMap<string, StoredDraw['entries'][number]>, nowIso: string): Promise<boolean> {
  const pending = (await bookingsOfSlot(slot.id)).filter((b) => b.status === 'applied' && byTicket.has(b.ticket ?? ''));
  if (!pending.length) return false;
  const changes: BookingChange[] = [];
  const extra: TransactItem[] = [];
  const notes: Notice[] = [];
  for (const b of pending.slice(0, BATCH)) {
    const e = byTicket.get(b.ticket!)!;
    if (e.outcome === 'won') {
      const next = moveTo(b, 'win', nowIso, `抽签中签,第${e.rank}名`, { drawRank: e.rank });
      changes.push({ previous: b, next });
      notes.push(...bookingNotes('won', next, null));
    } else {
      const waitKey = drawnWaitKey(e.rank, b.residentId);
      const next = moveTo(b, 'lose', nowIso, `抽签未中,第${e.rank}名,按名次候补`, { drawRank: e.rank, waitKey });
      changes.push({ previous: b, next });
      extra.push(waitPut(slot.id, waitKey, b.residentId, isAssisted(b.channel)));
      notes.push(...bookingNotes('lost', next, null));
    }
  }
  await commit({ slot, changes, guard: { phases: ['drawing'] }, extra, notes, nowIso });
  return true;
}

/**
 * The draw of a ballot slot, once its applications have closed: by tick at the close, or by staff
 * later if tick was late. "Now" is only when it is made; the draw itself depends on the list and the
 * close time alone, so it is the same whenever and however often it runs.
 */
export async function drawSlot(slotId: string, nowMs: number): Promise<'done' | 'skipped' | 'not_due'> {
  const nowIso = new Date(nowMs).toISOString();
  const slot = await getSlot(slotId);
  if (slot?.rules.allocation !== 'ballot' || slot.phase === 'none') return 'skipped';
  if (slot.phase === 'drawn') {
    await finishTimer(slotOwner(slotId), 'slot_ballot');
    return 'skipped';
  }
  if (nowMs < Date.parse(slot.times.ballotClosesAt!)) return 'not_due';
  const draw = await frozenDraw(slot, nowIso);
  await applyOutcomes(slot, draw, nowIso);
  await movePhase(slotId, 'drawing', 'drawn', nowIso);
  await finishTimer(slotOwner(slotId), 'slot_ballot');
  return 'done';
}
