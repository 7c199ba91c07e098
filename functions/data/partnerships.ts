import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../shared/schemas/common';
import { Partnership } from '../../shared/schemas/teams';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, readPage, type Source } from './pagination';
import { cancellationCodes, isCancelled, isConflict, type TransactItem, unexpectedCancellation } from './transactions';

/**
 * Partner agreements (融合网格): one item each, listed by the community that offers (GSI2) and the
 * community that receives (GSI1), accepted ones first.
 */
const partnershipKey = (id: string) => ({ PK: `PARTNERSHIP#${id}`, SK: 'PARTNERSHIP' });
const rank = (p: Partnership) => (p.status === 'accepted' ? 0 : p.status === 'offered' ? 1 : 2);
const item = (p: Partnership) => ({
  ...partnershipKey(p.id),
  type: 'partnership',
  ...p,
  GSI1PK: `PARTNERS#TO#${p.toCommunityId}`,
  GSI1SK: `${rank(p)}#${p.id}`,
  GSI2PK: `PARTNERS#FROM#${p.fromCommunityId}`,
  GSI2SK: `${rank(p)}#${p.id}`,
});
const into = (communityIds: readonly string[]): Source<Partnership> => ({
  index: INDEX.gsi1,
  partitions: communityIds.map((c) => `PARTNERS#TO#${c}`),
  forward: true,
  item: Partnership,
});
const from = (communityIds: readonly string[]): Source<Partnership> => ({
  index: INDEX.gsi2,
  partitions: communityIds.map((c) => `PARTNERS#FROM#${c}`),
  forward: true,
  item: Partnership,
});

/** AP: an agreement by id. */
export async function getPartnership(id: string): Promise<Partnership | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: partnershipKey(id), ConsistentRead: true }));
  return out.Item ? Partnership.parse(out.Item) : null;
}

/** AP: the accepted agreements serving a community's grids (routing): GSI1 PARTNERS#TO#community, status first. */
export async function acceptedInto(communityId: string): Promise<Partnership[]> {
  return (await readAll(into([communityId]), 200)).filter((p) => p.status === 'accepted');
}

/** AP: the agreements a staff member's communities offered and received, a page at a time. */
export const partnershipsOf = (communityIds: readonly string[], cursor?: string): Promise<Page<Partnership>> =>
  readPage([into(communityIds), from(communityIds)], cursor);

/**
 * Creates or changes an agreement, only on the version read (an offer accepted twice is accepted once), with
 * the items of the same transaction (its audit entry, the notices of the change). False when the agreement
 * changed since it was read.
 */
export async function savePartnership(p: Partnership, previousVersion: number | null, extra: TransactItem[] = []): Promise<boolean> {
  const put: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: item(p),
      ConditionExpression: previousVersion === null ? 'attribute_not_exists(PK)' : 'version = :v',
      ...(previousVersion === null ? {} : { ExpressionAttributeValues: { ':v': previousVersion } }),
    },
  };
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [put, ...extra] }));
    return true;
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    if (codes[0] === 'ConditionalCheckFailed') return false;
    throw isConflict(codes) ? error : unexpectedCancellation(error);
  }
}
