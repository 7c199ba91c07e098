import { notFound } from '../../shared/errors';
import type { SlaLimits, SlaLimitsView, SlaQuery } from '../../shared/schemas/sla';
import type { User } from '../../shared/schemas/users';
import { memberCommunities } from '../auth/scope';
import { auditPut } from '../data/audit';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { saveSlaLimitsAudited, slaLimitsOf } from '../data/settings';

/** The streets whose limits a person works to: street staff their streets, staff and grid workers their communities'. */
async function streetsOf(user: User): Promise<string[]> {
  const communities = await Promise.all((await memberCommunities(user)).map(getPlace));
  return [
    ...new Set([...(user.roles.includes('streetStaff') ? user.streetIds : []), ...communities.flatMap((c) => (c ? [c.streetId] : []))]),
  ];
}

/** A street by id, or the answer for a street that is not there (or not the caller's: the same 404). */
async function streetNamed(streetId: string): Promise<{ id: string; name: string }> {
  const street = await getPlace(streetId);
  if (street?.kind !== 'street') throw notFound('street');
  return street;
}

const viewOf = (limits: SlaLimits, street: { id: string; name: string } | null, source: 'street' | 'default'): SlaLimitsView => ({
  ...limits,
  streetId: street?.id ?? null,
  streetName: street?.name ?? null,
  source,
});

/**
 * The limits a street works to (its own, else the operator's default): the caller's own street unless they name
 * one of theirs; the operator any street, or the default itself when naming none.
 */
export async function limitsFor(user: User, query: SlaQuery): Promise<SlaLimitsView> {
  const admin = user.roles.includes('admin');
  const mine = admin ? [] : await streetsOf(user);
  const streetId = query.streetId ?? (user.roles.includes('streetStaff') ? user.streetIds[0] : undefined) ?? mine[0] ?? null;
  if (streetId && !admin && !mine.includes(streetId)) throw notFound('street');
  const street = streetId ? await streetNamed(streetId) : null;
  const { limits, source } = await slaLimitsOf(street?.id ?? null);
  return viewOf(limits, street, source);
}

/**
 * Street staff set the limits of their street (the first of theirs unless they name another of theirs; another
 * street is answered as a missing one); the operator sets the default (no street) or any street's. The wishes
 * of that street submitted from then on are clocked by them. Saved on the version read, with its audit entry
 * (before and after), in one transaction.
 */
export async function putLimits(user: User, query: SlaQuery, body: SlaLimits, now: Date): Promise<SlaLimitsView> {
  const admin = user.roles.includes('admin');
  const streetId = admin ? (query.streetId ?? null) : (query.streetId ?? user.streetIds[0] ?? null);
  if (!admin && (!streetId || !user.streetIds.includes(streetId))) throw notFound('street');
  const street = streetId ? await streetNamed(streetId) : null;
  return optimistic('change the time limits', async () => {
    const before = await slaLimitsOf(street?.id ?? null);
    const audit = auditPut(
      {
        action: 'sla.put',
        actorId: user.id,
        actorName: user.name,
        subject: { kind: 'sla', id: street?.id ?? 'default' },
        communityId: null,
        streetId: street?.id ?? null,
        before: { source: before.source, limits: before.limits },
        after: { source: street ? 'street' : 'default', limits: body },
      },
      now,
    );
    await saveSlaLimitsAudited(street?.id ?? null, body, before.own, audit);
    return viewOf(body, street, street ? 'street' : 'default');
  });
}
