import * as z from 'zod';
import { Id, IsoTime, PageQuery, page } from './common';

/** What changed: a setting, a team, a partner agreement, a person's roles, membership or sessions. */
export const AuditAction = z.enum([
  'calendar.put',
  'category.skill',
  'sla.put',
  'team.create',
  'team.update',
  'team.member.add',
  'team.member.remove',
  'partnership.offer',
  'partnership.accept',
  'partnership.end',
  'user.verify',
  'user.sessions.end',
  'council.members',
  'council.settings',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * One change, as it was made: who, when, the thing changed, and its value before and after. Written in the
 * transaction of the change itself, never edited.
 */
export const AuditEntry = z.object({
  id: Id,
  at: IsoTime,
  action: AuditAction,
  actorId: Id,
  actorName: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }),
  /** Where the change applies: a community and its street, a street, or everywhere (null). */
  communityId: Id.nullable(),
  streetId: Id.nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = page(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/** The operator reads everything or one street; street staff read their street (the first, unless named). */
export const AuditQuery = PageQuery.extend({ streetId: Id.optional() });
export type AuditQuery = z.infer<typeof AuditQuery>;
