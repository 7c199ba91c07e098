import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CouncilRoster, CouncilSettings, DEFAULT_COUNCIL_SETTINGS } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import { db } from '../db';
import type { TransactItem } from '../transactions';

/**
 * A community's council: its roster of members and its settings (the numbers of the seven steps), two items of
 * the partition `COUNCIL#<community>`. Both are settings: each change carries its version and is audited.
 */
const rosterKey = (communityId: string) => ({ PK: `COUNCIL#${communityId}`, SK: 'ROSTER' });
const settingsKey = (communityId: string) => ({ PK: `COUNCIL#${communityId}`, SK: 'SETTINGS' });

const StoredSettings = z.object({ settings: CouncilSettings, updatedAt: z.string(), version: z.number().int().min(1) });
export type StoredCouncilSettings = { settings: CouncilSettings; updatedAt: string | null; version: number };

/** AP: a community's roster and settings together (one BatchGetItem; empty roster and the defaults until set). */
export async function councilOf(communityId: string): Promise<{ roster: CouncilRoster; settings: StoredCouncilSettings }> {
  const out = await db().send(
    new BatchGetCommand({
      RequestItems: { [tableName()]: { Keys: [rosterKey(communityId), settingsKey(communityId)], ConsistentRead: true } },
    }),
  );
  const items = out.Responses?.[tableName()] ?? [];
  const roster = items.find((i) => i.SK === 'ROSTER');
  const settings = items.find((i) => i.SK === 'SETTINGS');
  return {
    roster: roster ? CouncilRoster.parse(roster) : { communityId, members: [], updatedAt: null, version: 0 },
    settings: settings ? StoredSettings.parse(settings) : { settings: DEFAULT_COUNCIL_SETTINGS, updatedAt: null, version: 0 },
  };
}

/** A guard on a version read: the item as read, or none yet when version 0. */
const unchangedSince = (version: number) =>
  version === 0
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } };

/** AP: the roster replaced, only if unchanged since read, with its audit entry, in one transaction. */
export async function saveRosterAudited(next: CouncilRoster, previousVersion: number, audit: TransactItem): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...rosterKey(next.communityId), type: 'councilRoster', ...next },
            ...unchangedSince(previousVersion),
          },
        },
        audit,
      ],
    }),
  );
}

/** AP: the settings replaced, only if unchanged since read, with its audit entry, in one transaction. */
export async function saveCouncilSettingsAudited(
  communityId: string,
  next: StoredCouncilSettings,
  previousVersion: number,
  audit: TransactItem,
): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...settingsKey(communityId), type: 'councilSettings', communityId, ...next },
            ...unchangedSince(previousVersion),
          },
        },
        audit,
      ],
    }),
  );
}
