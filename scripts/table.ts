import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Adds the indexes the definition has and a kept table lacks (a `.data` folder from an older version), one
 * at a time as DynamoDB requires, each waited for until active. Data is left as it is.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { create } = tableDefinition(tableName);
  const added: string[] = [];
  for (const index of create.GlobalSecondaryIndexes ?? []) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === index.IndexName)) continue;
    const attributes = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: create.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
    for (let i = 0; i < 600; i++) {
      const { Table: now } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (now?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') break;
      await sleep(100);
    }
    added.push(index.IndexName!);
  }
  return added;
}

/** Creates the table when it is missing; an existing table keeps its data and gains any index it lacks. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'kept'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName);
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
