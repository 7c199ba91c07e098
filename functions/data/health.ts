import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { db } from './db';

/** AP: the table answers (a GetItem of a key nothing is stored under: cheap, and the same IAM as every read). */
export async function pingTable(): Promise<void> {
  await db().send(new GetCommand({ TableName: tableName(), Key: { PK: 'HEALTH', SK: 'HEALTH' } }));
}
