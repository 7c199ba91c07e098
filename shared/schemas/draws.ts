import * as z from 'zod';
import { Id } from './common';
import { SlotId } from './slots';

/** One applicant as published: a ticket (random, shown to its holder), the weight drawn with, the masked name. */
export const DrawEntry = z.object({
  rank: z.number().int().min(1),
  ticket: z.string(),
  weight: z.number().int().min(1).max(2),
  name: z.string(),
  outcome: z.enum(['won', 'waiting']),
});
export type DrawEntry = z.infer<typeof DrawEntry>;

/**
 * A ballot's draw, as stored and published. `list` is the exact text whose SHA-256 is `listHash`;
 * `seed` is SHA-256 of the hash, the slot and the close time, so it was fixed only once the list was;
 * each ticket's key is the largest SHA-256 of `seed:ticket:j` for j below its weight, and ranks follow
 * the keys from the largest. Anyone can redo all of it with sha256sum (docs/data-model.md).
 */
export const Draw = z.object({
  id: SlotId,
  slotId: SlotId,
  serviceId: Id,
  serviceName: z.string(),
  start: z.string(),
  seats: z.number().int().min(0),
  closedAt: z.string(),
  drawnAt: z.string(),
  list: z.string(),
  listHash: z.string(),
  seed: z.string(),
  entries: z.array(DrawEntry),
});
export type Draw = z.infer<typeof Draw>;

/** As stored: each entry also names its resident, to book or wait-list them. Never shown. */
export const StoredDraw = Draw.extend({ residents: z.record(z.string(), Id) });
export type StoredDraw = z.infer<typeof StoredDraw>;

export const DrawView = Draw.extend({
  /** The viewer's own ticket (or the resident's they applied for), to find on the list. */
  myTickets: z.array(z.string()),
  /** How to check it, step by step, in Chinese. */
  howToCheck: z.array(z.string()),
});
export type DrawView = z.infer<typeof DrawView>;

export const DrawPath = z.strictObject({ id: Id, drawId: SlotId });
