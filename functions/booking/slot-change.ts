import { AppError, invalid, notFound } from '../../shared/errors';
import { runsCommunity } from '../../shared/domain/booking/access';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { heldBackSeats, slotTimers, slotTimes } from '../../shared/domain/booking/schedule';
import { annotate, isActive, moveTo } from '../../shared/domain/booking/status';
import { iso, MINUTE_MS } from '../../shared/domain/beijing-time';
import type { Slot, SlotUpdateBody } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { bookingsOfSlot, getBooking } from '../data/booking/bookings';
import { changeSlot, getSlot, slotOwner } from '../data/booking/slots';
import { finishTimer, timerPut } from '../data/timers';
import { db } from '../data/db';
import { isConditionFailed } from '../data/transactions';
import { waitDelete } from '../data/booking/waitlist';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { optimistic } from '../data/retry';
import { commit } from './commit';
import { fillFromWaitlist } from './hand-off';

/** Each booking still in play is told (and, when the slot closes, released), one transaction each. */
async function forEachActive(
  slotId: string,
  step: (slot: Slot, b: NonNullable<Awaited<ReturnType<typeof getBooking>>>) => Promise<void>,
): Promise<void> {
  for (const listed of (await bookingsOfSlot(slotId)).filter((b) => isActive(b.status))) {
    await optimistic('change a booking of a changed slot', async () => {
      const [slot, b] = await Promise.all([getSlot(slotId), getBooking(slotId, listed.residentId)]);
      if (slot && b && isActive(b.status)) await step(slot, b);
    });
  }
}

/** Closing a slot releases every booking, application, offer and waiting place, each returning its quota, and tells everyone why. */
async function close(slot: Slot, user: User, reason: string, nowIso: string): Promise<void> {
  await changeSlot(slot, { status: 'closed', note: reason, updatedAt: nowIso }, null);
  await forEachActive(slot.id, async (fresh, b) => {
    const next = moveTo(b, b.status === 'offered' ? 'decline' : 'cancel', nowIso, `社区取消了这个时段:${reason}`, {
      offerUntil: null,
      waitKey: null,
    });
    const extra = b.status === 'waiting' ? [waitDelete(slot.id, b.waitKey!)] : [];
    await commit({
      slot: fresh,
      changes: [{ previous: b, next }],
      guard: {},
      extra,
      notes: bookingNotes('cancelled', next, user.id, reason),
      nowIso,
    });
  });
  await Promise.all(slotTimers(slot).map((t) => finishTimer(slotOwner(slot.id), t.kind)));
}

/** A new time: every moment of the slot follows it, its timers move, and everyone booked is told. */
async function move(slot: Slot, startIso: string, nowMs: number): Promise<Partial<Slot>> {
  const startMs = Date.parse(startIso);
  if (startMs <= nowMs) throw invalid('body.start', 'the new time must be in the future');
  if (slot.phase !== 'none' && slot.phase !== 'drawn')
    throw new AppError('WINDOW_CLOSED', 'a ballot slot keeps its time until it has been drawn');
  const times = slotTimes(slot.rules, startMs);
  const fields = { start: iso(startMs), end: iso(startMs + slot.rules.durationMinutes * MINUTE_MS), times };
  await db().send(
    new TransactWriteCommand({
      TransactItems: slotTimers({ ...slot, ...fields }).map((t) => timerPut(slotOwner(slot.id), t.kind, slot.id, t.at)),
    }),
  );
  return fields;
}

/**
 * Staff change one slot: its seats (never below those taken; added seats go to the waiting list
 * first), its time or place (everyone booked is told), or close it with a reason.
 */
export async function changeSlotFor(user: User, slotId: string, body: SlotUpdateBody, now: Date): Promise<Slot> {
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  const slot = await getSlot(slotId);
  if (!slot || !runsCommunity(user, slot.communityId)) throw notFound('slot');
  if (slot.status === 'closed') throw new AppError('SLOT_CLOSED', 'this slot is closed already');
  if (body.close) {
    await close(slot, user, body.reason, nowIso);
    return (await getSlot(slotId))!;
  }
  const fields: Partial<Slot> = { note: body.reason, updatedAt: nowIso };
  if (body.place) fields.place = body.place;
  if (body.start) Object.assign(fields, await move(slot, body.start, nowMs));
  if (body.seats !== undefined) Object.assign(fields, { seats: body.seats, selfCap: body.seats - heldBackSeats(body.seats, slot.rules) });
  try {
    await changeSlot(
      slot,
      fields,
      body.seats === undefined
        ? null
        : { expression: 'booked <= :seats AND selfBooked <= :cap', values: { ':seats': body.seats, ':cap': fields.selfCap } },
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw invalid('body.seats', 'more seats are taken than that: cancel bookings first, or close the slot');
  }
  if (body.start || body.place) {
    await forEachActive(slotId, async (fresh, b) => {
      const next = annotate(b, nowIso, `时段变更:${body.reason}`, { start: fresh.start, end: fresh.end, place: fresh.place });
      await commit({
        slot: fresh,
        changes: [{ previous: b, next }],
        guard: {},
        notes: bookingNotes('changed', next, user.id, body.reason),
        nowIso,
      });
    });
  }
  if (body.seats !== undefined && body.seats > slot.seats) await fillFromWaitlist(slotId, nowMs);
  return (await getSlot(slotId))!;
}
