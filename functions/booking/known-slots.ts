import type { Slot } from '../../shared/schemas/slots';

/**
 * The slots this container has seen lately (read, returned by a refusal, or just booked), so a crowd at
 * one slot books straight into its transaction without reading the slot first. What a booking takes from a
 * remembered slot is never trusted on its own: its transaction holds the slot to the same `rev` (staff
 * changed nothing: time, place, seats, rules as copied), the window, the status and phase, and the seats
 * as conditions, and a refusal returns the slot as it is (ALL_OLD), which is then remembered instead. The
 * counters remembered are only a hint (is it full?). Bounded: the oldest entries go first.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;
const known = new Map<string, { slot: Slot; until: number }>();

export function knownSlot(id: string, nowMs: number): Slot | null {
  const hit = known.get(id);
  if (!hit) return null;
  if (hit.until <= nowMs) {
    known.delete(id);
    return null;
  }
  return hit.slot;
}

export function rememberSlot(slot: Slot, nowMs: number): void {
  known.delete(slot.id);
  if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value as string);
  known.set(slot.id, { slot, until: nowMs + TTL_MS });
}

export const forgetSlot = (id: string): void => {
  known.delete(id);
};
