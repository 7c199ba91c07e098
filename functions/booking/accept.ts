import { AppError, invalid } from '../../shared/errors';
import { actsForResident } from '../../shared/domain/booking/access';
import { effectiveQuota, noShowStanding } from '../../shared/domain/booking/noshow';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { assertAcceptable, assertQuota } from '../../shared/domain/booking/rules';
import { moveTo } from '../../shared/domain/booking/status';
import { beijingMonth } from '../../shared/domain/beijing-time';
import type { BookingView, OfferBody } from '../../shared/schemas/bookings';
import type { User } from '../../shared/schemas/users';
import { quotaUse } from '../data/booking/quotas';
import { optimistic } from '../data/retry';
import { commit, CommitRefused } from './commit';
import { loadBooking, viewOf } from './load';
import { noShowHistory } from './no-show-history';

/**
 * Takes a waiting-list offer: the seat is already held for the resident, so only the booking and the
 * resident's quota change (within its caps). Accepting twice answers the booking as it is.
 */
export async function acceptOffer(user: User, id: string, body: OfferBody, now: Date): Promise<BookingView> {
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  return optimistic('accept an offer', async () => {
    const { booking: b, slot, relation } = await loadBooking(user, id, 'accept');
    if (actsForResident(relation) && body.consent !== true)
      throw invalid('body.consent', "record the resident's consent (consent: true) to accept for them");
    if (b.status === 'booked' && b.history.at(-1)?.status === 'booked') return viewOf(b);
    assertAcceptable(b, nowMs);
    const [used, records] = await Promise.all([
      quotaUse(b.residentId, slot.serviceId, beijingMonth(Date.parse(slot.start))),
      noShowHistory(b.residentId, nowMs),
    ]);
    const standing = noShowStanding(records, nowMs);
    assertQuota(slot.rules, used, standing);
    const next = moveTo(b, 'accept', nowIso, relation.resident ? '已确认候补名额' : `${user.name}代为确认,居民已同意`, {
      offerUntil: null,
    });
    try {
      await commit({
        slot,
        changes: [{ previous: b, next, caps: effectiveQuota(slot.rules.quota, standing) }],
        guard: {},
        notes: bookingNotes('booked', next, user.id),
        nowIso,
      });
    } catch (error) {
      if (error instanceof CommitRefused && error.failed.has('quota'))
        throw new AppError('QUOTA_EXCEEDED', 'the resident has used this service as often as its quota allows');
      throw error;
    }
    return viewOf(next);
  });
}
