import type { Deadline, Service, ServiceRules } from '../../schemas/services';
import type { Slot, SlotTimes } from '../../schemas/slots';
import { addDays, atBeijing, beijingDate, beijingStamp, datesBetween, DAY_MS, HOUR_MS, iso, MINUTE_MS, weekdayOf } from '../beijing-time';

/** The moment a deadline falls for a slot starting at `startMs`. */
export function deadlineAt(deadline: Deadline, startMs: number): number {
  if ('hoursBefore' in deadline) return startMs - deadline.hoursBefore * HOUR_MS;
  return atBeijing(addDays(beijingDate(startMs), -1), deadline.dayBeforeAt);
}

/** Seats held back for bookings made for residents: rounded down, so a one-seat room holds back nothing. */
export const heldBackSeats = (seats: number, rules: Pick<ServiceRules, 'reservedPercent' | 'allocation'>): number =>
  rules.allocation === 'ballot' ? 0 : Math.floor((seats * rules.reservedPercent) / 100);

/**
 * Every moment of a slot, from its rules. The window opens `opensDaysAhead` days before the slot's date
 * at `opensAt`; a ballot takes applications for `ballotHours` from then, but never past the window's close.
 */
export function slotTimes(rules: ServiceRules, startMs: number): SlotTimes {
  const opensAt = atBeijing(addDays(beijingDate(startMs), -rules.opensDaysAhead), rules.opensAt);
  const closesAt = Math.min(deadlineAt(rules.closes, startMs), startMs);
  return {
    opensAt: iso(opensAt),
    closesAt: iso(closesAt),
    cancelBy: iso(Math.min(deadlineAt(rules.cancelBy, startMs), startMs)),
    releaseAt: iso(Math.min(startMs - rules.releaseHoursBefore * HOUR_MS, closesAt)),
    ballotClosesAt: rules.allocation === 'ballot' ? iso(Math.min(opensAt + rules.ballotHours * HOUR_MS, closesAt)) : null,
    graceEndsAt: iso(startMs + rules.graceMinutes * MINUTE_MS),
    remindAt: iso(startMs - DAY_MS),
  };
}

export const slotIdOf = (serviceId: string, startMs: number): string => `${serviceId}.${beijingStamp(startMs)}`;

/** The service a slot id names (the part before its minute). */
export const serviceOfSlotId = (slotId: string): string => slotId.slice(0, slotId.lastIndexOf('.'));

/** A new slot of a service, empty, with the service's rules copied onto it. */
export function newSlot(service: Service, startMs: number, seats: number, nowIso: string): Slot {
  const held = heldBackSeats(seats, service.rules);
  return {
    id: slotIdOf(service.id, startMs),
    serviceId: service.id,
    serviceName: service.name,
    communityId: service.communityId,
    teamId: service.teamId,
    place: service.place,
    kind: service.kind,
    start: iso(startMs),
    end: iso(startMs + service.rules.durationMinutes * MINUTE_MS),
    seats,
    selfCap: seats - held,
    booked: 0,
    selfBooked: 0,
    waiting: 0,
    waitVersion: 0,
    waitJoins: 0,
    applicants: 0,
    checkedIn: 0,
    status: 'open',
    phase: service.rules.allocation === 'ballot' ? 'applying' : 'none',
    times: slotTimes(service.rules, startMs),
    rules: service.rules,
    note: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/**
 * The slots a service's weekly schedule gives from today (Beijing) to one day past the end of the
 * booking window, so a slot exists, visible as "opens at …", before anyone may book it. Slots that
 * have started are left out. Materialising is idempotent: the same rule on the same day is the same id.
 */
export function materialise(service: Service, nowMs: number): Slot[] {
  if (!service.active) return [];
  const today = beijingDate(nowMs);
  const slots = new Map<string, Slot>();
  for (const date of datesBetween(today, addDays(today, service.rules.opensDaysAhead + 1))) {
    for (const rule of service.schedule.filter((r) => r.weekday === weekdayOf(date))) {
      const startMs = atBeijing(date, rule.start);
      if (startMs <= nowMs) continue;
      const slot = newSlot(service, startMs, rule.seats ?? service.rules.seatsPerSlot, iso(nowMs));
      slots.set(slot.id, slot);
    }
  }
  return [...slots.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** When the service's slots are next extended: five past midnight, Beijing, the next day. */
export const nextMaterialiseAt = (nowMs: number): string => iso(atBeijing(addDays(beijingDate(nowMs), 1), '00:05'));

export const SLOT_TIMER_KINDS = ['slot_ballot', 'slot_release', 'slot_reminder', 'slot_noshow'] as const;
export type SlotTimerKind = (typeof SLOT_TIMER_KINDS)[number];
/** Timed work of booking, one kind per processor of tick: offers that lapse, a service's next slots, a slot's timers. */
export const BOOKING_DUE_KINDS = ['booking_offer', 'service_slots', ...SLOT_TIMER_KINDS] as const;
export type BookingDueKind = (typeof BOOKING_DUE_KINDS)[number];

/** The timers of a slot: each is one due item tick acts on. Release only when seats are held back. */
export function slotTimers(slot: Slot): { kind: SlotTimerKind; at: string }[] {
  const timers: { kind: SlotTimerKind; at: string }[] = [
    { kind: 'slot_reminder', at: slot.times.remindAt },
    { kind: 'slot_noshow', at: slot.times.graceEndsAt },
  ];
  if (slot.times.ballotClosesAt) timers.push({ kind: 'slot_ballot', at: slot.times.ballotClosesAt });
  if (slot.selfCap < slot.seats) timers.push({ kind: 'slot_release', at: slot.times.releaseAt });
  return timers;
}
