import { AppError, notFound } from '../../shared/errors';
import { allowedActions, assertAllowed, isRepeatedClaim } from '../../shared/domain/wish-access';
import { isHeldByClaimant } from '../../shared/domain/wish-machine';
import { noticesFor } from '../../shared/domain/wish-notify';
import { applyAction } from '../../shared/domain/wish-transition';
import type { User } from '../../shared/schemas/users';
import type { WishDetail } from '../../shared/schemas/wishes';
import { notificationWrites } from '../data/notifications';
import { categoryIn, getPlace } from '../data/places';
import { consumeWrite } from '../data/rate-limits';
import { refCached } from '../data/ref-cache';
import { optimistic } from '../data/retry';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';
import type { TransactItem } from '../data/transactions';
import { ClaimLimitError, getWishPartition, StaleWishError, saveTransition } from '../data/wishes';
import { detailFor } from './act';
import { openSeen } from './seen';
import { membersToTell } from './routing';

/**
 * A volunteer claims a wish routed to their team: the wish's partition (the wish, its timeline, its figure record)
 * as the wish's page showed it to them (`seen`, sealed: no read), else one consistent Query of it; then one TransactWriteItems that puts the claimed wish only on the version read
 * (which holds every rule checked: its status, its team, its owner, not with the council), with its event, the
 * team's and the volunteer's open-claim counts under their caps, the figures, the notices and the caller's
 * write-limit count. The answer is built from what was read and written: no read after. The team (its caps and
 * who to tell), the category's skill and the managers of the place come from the container's reference cache (a
 * few seconds old at most). A lost race reads again, so of any number of concurrent claimants one holds the wish
 * and the others are answered ALREADY_CLAIMED; the holder claiming again (a retry) gets the wish back.
 */
export async function claimWish(user: User, id: string, now: Date, writeLimit: TransactItem, seen?: string): Promise<WishDetail> {
  return optimistic('claim a wish', async (attempt) => {
    // The wish as its page showed this volunteer (seen.ts) spares the read while it shows the wish theirs to claim;
    // one that says otherwise (moved on, or another team's by now) is read afresh, as is every retry.
    const copy = attempt === 0 ? openSeen(seen, user, id, now) : null;
    const found = copy && allowedActions(user, copy.wish).includes('claim') ? copy : await getWishPartition(id);
    if (!found) throw notFound('wish');
    const { wish, timeline } = found;
    const supporting = found.supporters.has(user.id);
    if (isRepeatedClaim(user, wish)) {
      // Answered without the transaction: its write is counted as every write is.
      await consumeWrite(user.id, now);
      return detailFor(user, wish, timeline, supporting);
    }
    // Who may do what is decided before anything else is loaded: a stranger learns nothing.
    assertAllowed('claim', user, wish);
    const teamId = wish.teamId;
    const [clock, team, category, place] = await Promise.all([
      clockContext(now, wish.streetId),
      teamId ? refCached(`team#${teamId}`, () => getTeam(teamId)) : null,
      refCached(`category#${wish.category}#${wish.communityId}`, () => categoryIn(wish.category, wish.communityId)),
      refCached(`place#${levelPlace(wish)}`, () => getPlace(levelPlace(wish))),
    ]);
    const next = applyAction(wish, { action: 'claim', body: {}, actor: user, now: now.toISOString(), clock });
    const audience = { teamMembers: team ? membersToTell(team, category?.skill ?? null, clock) : [], managers: place?.managerIds ?? [] };
    try {
      await saveTransition({
        previous: wish,
        wish: next.wish,
        event: next.event,
        caps: team ? { teamCap: team.teamCap, memberCap: team.memberCap } : undefined,
        extra: [writeLimit, ...notificationWrites(noticesFor(wish, next.wish, next.event, audience), now.toISOString())],
        figureState: found.figures,
        clockRev: found.clockRev,
      });
    } catch (error) {
      if (error instanceof ClaimLimitError)
        throw new AppError('CLAIM_LIMIT', 'you or your team hold as many open claims as allowed; finish one first');
      // Lost to another claimant: the refusal returned the wish as it is now (ALL_OLD), so the answer needs no
      // read and no wait (a crowd of 200 is answered at once); any other change is read again and decided again.
      if (error instanceof StaleWishError && error.current && isHeldByClaimant(error.current.status)) {
        if (!isRepeatedClaim(user, error.current)) assertAllowed('claim', user, error.current);
      }
      throw error;
    }
    return detailFor(user, next.wish, [...timeline, next.event], supporting);
  });
}

/** The place whose managers hear of a wish at its level (as managersAt reads it). */
const levelPlace = (w: { level: string; gridId: string; communityId: string; streetId: string }) =>
  w.level === 'grid' ? w.gridId : w.level === 'community' ? w.communityId : w.streetId;
