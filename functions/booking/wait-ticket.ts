import { AppError } from '../../shared/errors';
import type { Slot } from '../../shared/schemas/slots';
import { burnWaitNumber, joinedWaitKey, takeWaitNumber } from '../data/booking/waitlist';
import { warn } from '../data/retry';

/** A joiner's number on a slot's waiting list: the entry's key, and the place they are told. */
export interface WaitTicket {
  key: string;
  place: number;
}

/**
 * Takes the next number on the slot's waiting list (one atomic update: a crowd never collides on it).
 * The place told is worked out from the slot as read before the number was taken, not by counting the
 * list after the write: a joiner with a lower number may still be on its way, and counting would tell
 * two people the same place. Ahead of this joiner are everyone waiting as read, and every number taken
 * before this one that had not joined by then nor been given up (a join still on its way).
 */
export async function takeWaitTicket(slot: Slot, residentId: string): Promise<WaitTicket> {
  const n = await takeWaitNumber(slot.id, slot.waitVersion);
  const onTheirWay = n.before - slot.waitJoins - n.burned;
  return { key: joinedWaitKey(n.number, residentId), place: Math.max(1, slot.waiting + Math.max(0, onTheirWay) + 1) };
}

/**
 * Gives back a number whose join did not go through, when that is certain: the request ended with
 * another answer (booked, replayed) or a typed refusal. After an unknown failure the write may have
 * landed, and a number wrongly given back would tell two people the same place; one kept too many only
 * tells later joiners a place one too far back, until they look again.
 */
export async function giveBackWaitTicket(slotId: string, outcome: { ok: true } | { ok: false; error: unknown }): Promise<void> {
  if (!outcome.ok && !(outcome.error instanceof AppError)) return;
  await burnWaitNumber(slotId).catch((error: unknown) => warn('a waiting-list number was not given back', { slotId, error }));
}
