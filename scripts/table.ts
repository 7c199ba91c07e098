import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';

const SERVERLESS_YML = path.resolve(__dirname, '..', 'serverless.yml');

interface TableResource {
  Properties: Omit<CreateTableCommandInput, 'TableName'> & {
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    PointInTimeRecoverySpecification?: unknown;
  };
}

/** The table as serverless.yml deploys it: the one definition of keys and indexes. */
export function tableDefinition(tableName: string): { create: CreateTableCommandInput; ttlAttribute?: string } {
  const doc = parse(readFileSync(SERVERLESS_YML, 'utf8')) as { resources: { Resources: { LinliTable: TableResource } } };
  const props = doc.resources.Resources.LinliTable.Properties;
  // Point-in-time recovery is a backup setting of the real service, meaningless for a local table.
  const { TimeToLiveSpecification: ttl, PointInTimeRecoverySpecification: _pitr, ...create } = props;
  return { create: { ...create, TableName: tableName }, ttlAttribute: ttl?.Enabled ? ttl.AttributeName : undefined };
}

/** Creates the table when it is missing; an existing table and its data are left alone. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'kept'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'kept';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { create, ttlAttribute } = tableDefinition(tableName);
  await client.send(new CreateTableCommand(create));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  if (ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true } }),
    );
  }
  return 'created';
}
