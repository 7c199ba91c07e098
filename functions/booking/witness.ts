import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { runsCommunity } from '../../shared/domain/booking/access';
import { sha256Hex } from '../../shared/domain/sha256';
import type { CommitmentBody, DrawStep, PublicNumberBody, RevealBody } from '../../shared/schemas/draws';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { drawInputs, getDraw, putCommitment, putPublicNumber, putReveal } from '../data/booking/draws';
import { getSlot } from '../data/booking/slots';
import { memberCommunities } from '../auth/scope';
import { drawSoon } from './draw';

/**
 * A witness named in the slot's rules: anyone else of the community is refused (403), anyone outside it
 * is answered as for a slot that does not exist (404).
 */
async function witnessSlot(user: User, slotId: string): Promise<Slot> {
  const slot = await getSlot(slotId);
  if (!slot) throw notFound('slot');
  if (slot.rules.draw?.witnesses.includes(user.id)) return slot;
  if (runsCommunity(user, slot.communityId) || (await memberCommunities(user)).includes(slot.communityId))
    throw forbidden("only the witnesses named in the service's rules make the seed");
  throw notFound('slot');
}

/** A witness commits to a secret (its SHA-256) before the close, once. */
export async function commitSecret(user: User, slotId: string, body: CommitmentBody, now: Date): Promise<DrawStep> {
  const slot = await witnessSlot(user, slotId);
  if (slot.phase !== 'applying' || now.getTime() >= Date.parse(slot.times.ballotClosesAt!))
    throw new AppError('SLOT_CLOSED', 'commitments are taken before applications close');
  const at = now.toISOString();
  if (!(await putCommitment(slot.id, user.id, body.commitment, at)))
    throw new AppError('ALREADY_COMMITTED', 'this witness has committed already; a commitment is never changed');
  return { slotId: slot.id, userId: user.id, at, status: 'applying' };
}

/** A witness reveals the secret once the list is published, by the deadline; it must hash to the commitment. */
export async function revealSecret(user: User, slotId: string, body: RevealBody, now: Date): Promise<DrawStep> {
  const slot = await witnessSlot(user, slotId);
  const draw = await getDraw(slot.id);
  if (!draw) throw new AppError('LIST_NOT_PUBLISHED', 'secrets are revealed once the list is published at the close');
  const mine = (await drawInputs(slot.id)).witnesses.get(user.id);
  if (mine?.secret) throw new AppError('ALREADY_REVEALED', 'this witness has revealed already');
  if (draw.status !== 'committed' || now.getTime() >= Date.parse(draw.revealBy!))
    throw new AppError('SLOT_CLOSED', 'reveals were taken until the deadline; the draw follows the rules without this secret');
  if (!mine) throw new AppError('SLOT_CLOSED', 'this witness made no commitment before the close');
  if (sha256Hex(body.secret) !== mine.commitment)
    throw new AppError('COMMITMENT_MISMATCH', 'the SHA-256 of this secret is not the commitment made before the close');
  const at = now.toISOString();
  if (!(await putReveal(slot.id, user.id, body.secret, at))) throw new AppError('ALREADY_REVEALED', 'this witness has revealed already');
  await drawSoon(slot.id, at);
  return { slotId: slot.id, userId: user.id, at, status: 'committed' };
}

/**
 * Staff enter the public number the rules name, with its source; once. It must be published after the close,
 * and when the rules name witnesses after their reveal deadline (`revealBy`). Under
 * `redraw_at` the next number entered is the re-draw's, which must be published after the re-draw's moment
 * (the seed takes it only if a witness stayed silent).
 */
export async function enterPublicNumber(user: User, slotId: string, body: PublicNumberBody, now: Date): Promise<DrawStep> {
  const slot = await getSlot(slotId);
  if (!slot || !runsCommunity(user, slot.communityId)) throw notFound('slot');
  const draw = await getDraw(slot.id);
  if (!draw) throw new AppError('LIST_NOT_PUBLISHED', 'the public number is entered once the list is published at the close');
  if (!draw.publicSource) throw invalid('body', "this draw's rules name no public number");
  // The second number a redraw_at ballot takes is the re-draw's: used only if a witness stays silent.
  const round = draw.redrawAt && (await drawInputs(slot.id)).publicNumber ? 'redraw' : 'first';
  // A witnessed draw's first number comes after the reveal deadline: published earlier, the last witness could
  // compute the public-only order from it and stay silent when that order suits them.
  const after = round === 'redraw' ? draw.redrawAt! : (draw.revealBy ?? draw.closedAt);
  const publishedAt = new Date(body.publishedAt).toISOString();
  if (publishedAt <= after)
    throw new AppError(
      'PUBLIC_NUMBER_TOO_EARLY',
      round === 'redraw'
        ? `the re-draw's number must be published after ${after}, when no one could know it at the reveal deadline`
        : draw.revealBy
          ? `the public number must be published after ${after}, the witnesses' reveal deadline, when no one could know it while a secret could still be revealed`
          : 'the public number must be published after the close, when the list was already fixed',
    );
  const at = now.toISOString();
  const entered = await putPublicNumber(
    slot.id,
    { value: body.value, source: body.source, publishedAt, enteredBy: user.id, enteredAt: at },
    round,
  );
  if (!entered || draw.status !== 'committed') throw new AppError('ALREADY_ENTERED', 'the public number of this draw was entered already');
  await drawSoon(slot.id, at);
  return { slotId: slot.id, userId: user.id, at, status: 'committed' };
}
