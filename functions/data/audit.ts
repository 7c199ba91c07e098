import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../shared/schemas/audit';
import { AuditEntry as AuditEntrySchema } from '../../shared/schemas/audit';
import { tableName } from '../config';
import { INDEX } from './db';
import type { Source } from './pagination';
import type { TransactItem } from './transactions';

/**
 * The audit log: one item per change, newest first by `at`. Every entry is in the partition AUDIT (the
 * operator's view); one with a street is also under AUDIT#STREET#<id> on GSI1 (that street's staff). Changes of
 * settings and memberships are rare, so one partition takes them all.
 */
const auditKey = (e: Pick<AuditEntry, 'at' | 'id'>) => ({ PK: 'AUDIT', SK: `${e.at}#${e.id}` });

export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** The entry of one change, as an item of the change's own transaction; never overwritten. */
export function auditPut(draft: AuditDraft, now: Date): TransactItem {
  const entry: AuditEntry = { ...draft, id: randomUUID(), at: now.toISOString() };
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...auditKey(entry),
        type: 'audit',
        ...entry,
        ...(entry.streetId ? { GSI1PK: `AUDIT#STREET#${entry.streetId}`, GSI1SK: `${entry.at}#${entry.id}` } : {}),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * The entry of a change that concerns the communities of two streets (a partner agreement across a street
 * border): the entry, and a copy indexed under the other side's street with that side's community, so both
 * streets' staff read it. The operator's log (partition AUDIT) holds it once.
 */
export function auditPutsFor(draft: AuditDraft, now: Date, other: { communityId: string; streetId: string | null } | null): TransactItem[] {
  const main = auditPut(draft, now);
  if (!other?.streetId || other.streetId === draft.streetId) return [main];
  const entry = main.Put!.Item as AuditEntry & Record<string, unknown>;
  const copy = { ...entry, communityId: other.communityId, streetId: other.streetId };
  return [
    main,
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...copy,
          PK: `AUDIT#COPY#${other.streetId}`,
          GSI1PK: `AUDIT#STREET#${other.streetId}`,
          GSI1SK: `${entry.at}#${entry.id}`,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

/** AP: every change, newest first (table partition AUDIT). */
export const allAudit = (): Source<AuditEntry> => ({ index: 'table', partitions: ['AUDIT'], forward: false, item: AuditEntrySchema });

/** AP: the changes of one street, newest first (GSI1 AUDIT#STREET#<id>). */
export const auditOfStreet = (streetId: string): Source<AuditEntry> => ({
  index: INDEX.gsi1,
  partitions: [`AUDIT#STREET#${streetId}`],
  forward: false,
  item: AuditEntrySchema,
});
