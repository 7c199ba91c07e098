import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../shared/schemas/common';
import { Team } from '../../shared/schemas/teams';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, readPage, type Source } from './pagination';
import type { TransactItem } from './transactions';

const teamKey = (id: string) => ({ PK: `TEAM#${id}`, SK: 'TEAM' });
const byCommunity = (communityIds: readonly string[]): Source<Team> => ({
  index: INDEX.gsi1,
  partitions: communityIds.map((id) => `COMMUNITY#${id}#TEAMS`),
  forward: true,
  item: Team,
});
const teamItem = (team: Team) => ({
  ...teamKey(team.id),
  type: 'team',
  GSI1PK: `COMMUNITY#${team.communityId}#TEAMS`,
  GSI1SK: team.id,
  ...team,
});

/** AP: get a team by id (routing by hand, checking membership). */
export async function getTeam(id: string): Promise<Team | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: teamKey(id), ConsistentRead: true }));
  return out.Item ? Team.parse(out.Item) : null;
}

/** AP: the teams serving some communities, a page at a time (GSI1 COMMUNITY#id#TEAMS). */
export const teamsOfCommunities = (communityIds: readonly string[], cursor?: string, limit?: number): Promise<Page<Team>> =>
  readPage([byCommunity(communityIds)], cursor, limit);

/** AP: every team of one community, for routing. */
export const allTeamsOfCommunity = (communityId: string): Promise<Team[]> => readAll(byCommunity([communityId]), 500);

/** A new team, or a changed one, only if nobody changed it since `previousVersion` was read (members join concurrently). */
export const teamPutIfUnchanged = (team: Team, previousVersion: number | null): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: teamItem({ ...team, version: (previousVersion ?? 0) + 1 }),
    ConditionExpression: previousVersion === null ? 'attribute_not_exists(PK)' : 'version = :v',
    ...(previousVersion === null ? {} : { ExpressionAttributeValues: { ':v': previousVersion } }),
  },
});

/** Seeds and reference data: a plain put of fixed values. */
export async function putTeam(team: Team): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: teamItem(team) }));
}
