import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { User } from '../../shared/schemas/users';
import { jwtSecret } from '../config';
import { partitionOf, type WishPartition } from '../data/wishes';

/**
 * The wish's partition as the wish's page showed it to a volunteer, sealed, so that their claim can bring it back
 * and go straight to its one transaction with no read. The transaction's `version = :v` (and clock stamp)
 * condition proves the copy is still the stored state; a copy that is not fails it and the write reads afresh.
 * Sealed with AES-256-GCM, not only signed: it holds what the page masks (names, numbers, staff notes), and nobody
 * but the functions can read or make one. Bound to the viewer and the wish, and good for SEEN_MS.
 */
const SEEN_MS = 30 * 60_000;
/** Longer is not offered: such a wish (a long timeline, many supporters) is read again, as without one. */
export const MAX_SEEN_LENGTH = 12_000;

/** Its own key, derived from the signing secret (HKDF): rotating that secret retires every copy with the sessions. */
const key = () => Buffer.from(hkdfSync('sha256', jwtSecret(), 'linli', 'seen-wish/v1', 32));

interface Sealed {
  u: string;
  w: string;
  t: number;
  i: readonly Record<string, unknown>[];
}

/**
 * The partition sealed for `viewer`, or undefined when it would be too long to carry, or when its timeline does not
 * end at the wish's version (one event per version): a read that met a transition half-way is not sealed.
 */
export function sealSeen(viewer: User, found: WishPartition, now: Date): string | undefined {
  if (Math.max(0, ...found.timeline.map((e) => e.seq)) !== found.wish.version) return undefined;
  // Not compressed: node:zlib alone adds 2.5 ms to a cold start of every function that would carry it.
  const sealed: Sealed = { u: viewer.id, w: found.wish.id, t: now.getTime(), i: found.items.map(withoutIndexKeys) };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
  const token = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  return token.length <= MAX_SEEN_LENGTH ? token : undefined;
}

/**
 * The partition `token` holds, if it was sealed here for this viewer and this wish within SEEN_MS; otherwise
 * null, and the caller reads the wish as if no token came (an old or foreign token costs a read, nothing more).
 */
export function openSeen(token: string | undefined, viewer: User, wishId: string, now: Date): WishPartition | null {
  if (!token) return null;
  const sealed = unseal(token);
  if (!sealed || sealed.u !== viewer.id || sealed.w !== wishId) return null;
  if (now.getTime() - sealed.t > SEEN_MS || sealed.t > now.getTime() + 60_000) return null;
  try {
    return partitionOf(wishId, sealed.i);
  } catch {
    // Items sealed before their schema changed (a deploy in between) no longer parse: read afresh.
    return null;
  }
}

/** The index keys follow from the item (wishIndexKeys) and are written afresh: the copy leaves them out. */
const withoutIndexKeys = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !k.startsWith('GSI')));

function unseal(token: string): Sealed | null {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const sealed = JSON.parse(plain.toString('utf8')) as Sealed;
    return typeof sealed.u === 'string' && typeof sealed.w === 'string' && Number.isFinite(sealed.t) && Array.isArray(sealed.i)
      ? sealed
      : null;
  } catch {
    // A wrong tag (tampered, or sealed under another secret) or a malformed body: as if none came.
    return null;
  }
}
