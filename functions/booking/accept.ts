import { invalid } from '../../shared/errors';
import { actsForResident } from '../../shared/domain/booking/access';
import { effectiveQuota, standingOfMarks, type Standing } from '../../shared/domain/booking/noshow';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { assertAcceptable, assertQuota } from '../../shared/domain/booking/rules';
import { moveTo } from '../../shared/domain/booking/status';
import { beijingMonth } from '../../shared/domain/beijing-time';
import type { BookingView, OfferBody } from '../../shared/schemas/bookings';
import type { User } from '../../shared/schemas/users';
import { quotaUseOf, type QuotaUse } from '../data/booking/quotas';
import { getStanding, marksOf, standingCheck } from '../data/booking/standing';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { commit, CommitRefused } from './commit';
import { loadBooking, viewOf } from './load';

/**
 * Takes a waiting-list offer: the seat is already held for the resident, so only the booking and the
 * resident's quota change (within its caps). Accepting twice answers the booking as it is. One read (the
 * booking with its slot) and one transaction: the quota is not read first but held by its condition to the
 * caps of a restricted resident, which either standing allows; only when that refuses are the quota (as the
 * refusal returned it) and the no-show standing looked at, and the answer is the quota rule's own.
 */
export async function acceptOffer(user: User, id: string, body: OfferBody, now: Date, writeLimit?: TransactItem): Promise<BookingView> {
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  const learned: { used?: QuotaUse; standing?: Standing } = {};
  return optimistic('accept an offer', async () => {
    const { booking: b, slot, relation } = await loadBooking(user, id, 'accept');
    if (actsForResident(relation) && body.consent !== true)
      throw invalid('body.consent', "record the resident's consent (consent: true) to accept for them");
    if (b.status === 'booked' && b.history.at(-1)?.status === 'booked') return viewOf(b);
    assertAcceptable(b, nowMs);
    if (learned.used) {
      learned.standing ??= standingOfMarks((await getStanding(b.residentId))?.noShows ?? [], nowMs);
      assertQuota(slot.rules, learned.used, learned.standing);
    }
    const standing = learned.standing;
    const caps = effectiveQuota(slot.rules.quota, standing ?? { recent: 0, restrictedUntil: nowIso, weight: 1 });
    const next = moveTo(b, 'accept', nowIso, relation.resident ? '已确认候补名额' : `${user.name}代为确认,居民已同意`, {
      offerUntil: null,
    });
    try {
      await commit({
        slot,
        changes: [{ previous: b, next, caps }],
        guard: {},
        standing: standing ? standingCheck(b.residentId, standing, nowIso) : undefined,
        limit: writeLimit,
        notes: bookingNotes('booked', next, user.id),
        nowIso,
      });
    } catch (error) {
      if (error instanceof CommitRefused && error.failed.has('quota'))
        learned.used = quotaUseOf(error.returned.quota, beijingMonth(Date.parse(slot.start)));
      if (error instanceof CommitRefused && error.failed.has('standing'))
        learned.standing = standingOfMarks(marksOf(error.returned.standing)?.noShows ?? [], nowMs);
      throw error;
    }
    return viewOf(next);
  });
}
