import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../shared/schemas/common';
import { Team } from '../../shared/schemas/teams';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, readPage, type Source } from './pagination';

const teamKey = (id: string) => ({ PK: `TEAM#${id}`, SK: 'TEAM' });
const byCommunity = (communityIds: readonly string[]): Source<Team> => ({
  index: INDEX.gsi1,
  partitions: communityIds.map((id) => `COMMUNITY#${id}#TEAMS`),
  forward: true,
  item: Team,
});

/** AP: get a team by id (routing by hand, checking membership). */
export async function getTeam(id: string): Promise<Team | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: teamKey(id) }));
  return out.Item ? Team.parse(out.Item) : null;
}

/** AP: the teams serving some communities, a page at a time (GSI1 COMMUNITY#id#TEAMS). */
export const teamsOfCommunities = (communityIds: readonly string[], cursor?: string, limit?: number): Promise<Page<Team>> =>
  readPage([byCommunity(communityIds)], cursor, limit);

/** AP: every team of one community, for the routing function. */
export const allTeamsOfCommunity = (communityId: string): Promise<Team[]> => readAll(byCommunity([communityId]), 500);

export async function putTeam(team: Team): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...teamKey(team.id), type: 'team', GSI1PK: `COMMUNITY#${team.communityId}#TEAMS`, GSI1SK: team.id, ...team },
    }),
  );
}
