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

/** A witness's part in the seed: the commitment made before the close, the secret revealed after it. */
export const DrawWitness = z.object({
  userId: Id,
  /** Masked for publication: 郭**. */
  name: z.string(),
  /** 社区工作人员 or 居民代表, as the page says who made each step. */
  role: z.enum(['staff', 'resident']).default('resident'),
  /** SHA-256 (hex) of the secret, made before the close; null if they never committed. */
  commitment: z.string().nullable(),
  committedAt: z.string().nullable(),
  /** Shown once the draw is made (before that, only that it was revealed). */
  secret: z.string().nullable(),
  revealedAt: z.string().nullable(),
  /** Did not reveal by the deadline: recorded, and the rules' path was taken. */
  silent: z.boolean(),
});
export type DrawWitness = z.infer<typeof DrawWitness>;

/** The public number, entered by staff with where and when it was published. */
export const PublicNumber = z.object({
  value: z.string(),
  source: z.string(),
  publishedAt: z.string(),
  enteredBy: Id,
  enteredAt: z.string(),
});
export type PublicNumber = z.infer<typeof PublicNumber>;

/**
 * A ballot's draw, as stored and published. `list` is the exact text whose SHA-256 is `listHash`. Ballots
 * with witnesses or a public number (issue 16) are `committed` at the close, the list and its hash published
 * with no seed, and `drawn` once every input is in: `seed` is SHA-256 of `seedInput` (the list hash, each
 * revealed secret, the public number, one per line in a fixed order: seedInputOf in shared/domain/booking/ballot.ts). Older ballots
 * (`seedRule` v1) have a seed of the hash, the slot and the close time. Each ticket's key is the largest
 * SHA-256 of `seed:ticket:j` for j below its weight, and ranks follow the keys from the largest.
 */
export const Draw = z.object({
  id: SlotId,
  slotId: SlotId,
  serviceId: Id,
  serviceName: z.string(),
  start: z.string(),
  seats: z.number().int().min(0),
  closedAt: z.string(),
  status: z.enum(['committed', 'drawn']).default('drawn'),
  seedRule: z.enum(['v1', 'v2']).default('v1'),
  drawnAt: z.string().nullable(),
  list: z.string(),
  listHash: z.string(),
  seed: z.string().nullable(),
  /** v2: the text whose SHA-256 is the seed. */
  seedInput: z.string().nullable().default(null),
  /**
   * v2: `all` (every secret and the public number), `public_only` (a witness was silent: the public number alone)
   * or `redraw` (a witness was silent: at `redrawAt`, the secrets revealed, the public number and the re-draw's).
   */
  path: z.enum(['all', 'public_only', 'redraw']).nullable().default(null),
  /** v2: reveals are taken until then; a witness silent at it is recorded. */
  revealBy: z.string().nullable().default(null),
  /** v2: when the witnesses who had not revealed were reminded. */
  remindedAt: z.string().nullable().default(null),
  witnesses: z.array(DrawWitness).default([]),
  publicSource: z.object({ name: z.string(), which: z.string() }).nullable().default(null),
  publicNumber: PublicNumber.nullable().default(null),
  /** v2 under `redraw_at`: the re-draw's moment, the public number it takes (published after it) and, once entered, that number. */
  redrawAt: z.string().nullable().default(null),
  redrawSource: z.object({ name: z.string(), which: z.string() }).nullable().default(null),
  redrawNumber: PublicNumber.nullable().default(null),
  /** Empty until drawn. */
  entries: z.array(DrawEntry),
});
export type Draw = z.infer<typeof Draw>;

/** As stored: each entry also names its resident, to book or wait-list them. Never shown. */
export const StoredDraw = Draw.extend({
  residents: z.record(z.string(), Id),
  /** v2: ticket → masked name, to publish the ranks once drawn. */
  names: z.record(z.string(), z.string()).optional(),
});
export type StoredDraw = z.infer<typeof StoredDraw>;

export const DrawView = Draw.extend({
  /**
   * `open`: applications are still taken, nothing is published but who the witnesses are and whether each has
   * committed (not the commitment itself); `committed`: the list and its hash are out, the inputs arriving;
   * `drawn`: the seed and the ranks.
   */
  status: z.enum(['open', 'committed', 'drawn']),
  /** The frozen list as published at the close: each ticket, its weight and the masked name (empty while open). */
  applicants: z.array(z.object({ ticket: z.string(), weight: z.number().int(), name: z.string() })),
  /** What the rules do if a witness stays silent past `revealBy`; null on ballots without witnesses. */
  ifWitnessSilent: z.enum(['public_only', 'redraw_at']).nullable(),
  /** The viewer's own ticket (or the resident's they applied for), to find on the list. */
  myTickets: z.array(z.string()),
  /** How to check it, step by step, in Chinese. */
  howToCheck: z.array(z.string()),
  /** What each weight on the list means, from the slot's rules. */
  weightClasses: z.array(z.object({ weight: z.number().int(), reason: z.string() })),
});
export type DrawView = z.infer<typeof DrawView>;

export const DrawPath = z.strictObject({ id: Id, drawId: SlotId });

export const Commitment = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 of the secret, 64 lowercase hex digits');
export const CommitmentBody = z.strictObject({ commitment: Commitment });
export type CommitmentBody = z.infer<typeof CommitmentBody>;
/** Printable ASCII without spaces, so the seed's text is read the same by anyone. */
export const RevealBody = z.strictObject({ secret: z.string().regex(/^[\x21-\x7e]{8,128}$/, '8 to 128 printable characters, no spaces') });
export type RevealBody = z.infer<typeof RevealBody>;
export const PublicNumberBody = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^[^\r\n]{1,80}$/, 'one line'),
  source: z.string().trim().min(1).max(120),
  publishedAt: z.iso.datetime({ offset: true }),
});
export type PublicNumberBody = z.infer<typeof PublicNumberBody>;
/** A witness's or staff member's step, answered with where the draw stands. */
export const DrawStep = z.object({ slotId: SlotId, userId: Id, at: z.string(), status: z.enum(['applying', 'committed', 'drawn']) });
export type DrawStep = z.infer<typeof DrawStep>;
