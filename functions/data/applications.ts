import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../shared/schemas/common';
import { Application } from '../../shared/schemas/teams';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readPage } from './pagination';
import type { TransactItem } from './transactions';

/**
 * Applications to join a team: one item per applicant and team, listed for the team's lead and staff
 * (GSI1 APPLICATIONS#team: pending first, oldest first) and for the applicant (GSI2 APPLICANT#user).
 */
const applicationKey = (teamId: string, userId: string) => ({ PK: `APPLICATION#${teamId}#${userId}`, SK: 'APPLICATION' });
const item = (a: Application) => ({
  ...applicationKey(a.teamId, a.userId),
  type: 'application',
  ...a,
  GSI1PK: `APPLICATIONS#${a.teamId}`,
  GSI1SK: `${a.status === 'pending' ? 0 : 1}#${a.createdAt}#${a.userId}`,
  GSI2PK: `APPLICANT#${a.userId}`,
  GSI2SK: `${a.createdAt}#${a.teamId}`,
});

/** AP: one application, by team and applicant. */
export async function getApplication(teamId: string, userId: string): Promise<Application | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: applicationKey(teamId, userId), ConsistentRead: true }));
  return out.Item ? Application.parse(out.Item) : null;
}

/** AP: a team's applications, pending first (GSI1 APPLICATIONS#team). */
export const applicationsOfTeam = (teamId: string, cursor?: string): Promise<Page<Application>> =>
  readPage([{ index: INDEX.gsi1, partitions: [`APPLICATIONS#${teamId}`], forward: true, item: Application }], cursor);

/** AP: a person's applications, newest first (GSI2 APPLICANT#user). */
export const applicationsOf = (userId: string, cursor?: string): Promise<Page<Application>> =>
  readPage([{ index: INDEX.gsi2, partitions: [`APPLICANT#${userId}`], forward: false, item: Application }], cursor);

/**
 * An application written over the one read (`previous`): a new one where there was none, or over a decided one
 * only if it is still that very one (so the waiting time after a decline is judged on what is stored); a
 * decision only while it is still pending.
 */
export function applicationPut(a: Application, previous: Application | null): TransactItem {
  const condition: {
    ConditionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, string>;
  } =
    a.status !== 'pending'
      ? {
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }
      : previous === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#s <> :pending AND #c = :seen',
            ExpressionAttributeNames: { '#s': 'status', '#c': 'createdAt' },
            ExpressionAttributeValues: { ':pending': 'pending', ':seen': previous.createdAt },
          };
  return { Put: { TableName: tableName(), Item: item(a), ...condition } };
}
