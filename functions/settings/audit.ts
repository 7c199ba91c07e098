import { notFound } from '../../shared/errors';
import type { AuditPage, AuditQuery } from '../../shared/schemas/audit';
import type { User } from '../../shared/schemas/users';
import { allAudit, auditOfStreet } from '../data/audit';
import { readPage } from '../data/pagination';
import { getPlace } from '../data/places';

/** Where a change applies, for its audit entry: a community and its street (whose staff read it), or everywhere. */
export async function auditScope(communityId: string | null): Promise<{ communityId: string | null; streetId: string | null }> {
  if (!communityId) return { communityId: null, streetId: null };
  return { communityId, streetId: (await getPlace(communityId))?.streetId ?? null };
}

/** The audit log as its reader may see it: the operator everything (or one street), street staff their street. */
export async function readAudit(user: User, query: AuditQuery): Promise<AuditPage> {
  if (user.roles.includes('admin')) {
    return readPage([query.streetId ? auditOfStreet(query.streetId) : allAudit()], query.cursor, query.limit);
  }
  const streetId = query.streetId ?? user.streetIds[0];
  if (!streetId || !user.streetIds.includes(streetId)) throw notFound('street');
  return readPage([auditOfStreet(streetId)], query.cursor, query.limit);
}
