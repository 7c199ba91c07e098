import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { localClient } from '../../scripts/local-dynamodb';
import { ensureTable, tableDefinition } from '../../scripts/table';
import { useDemoTable } from '../helpers/table';

useDemoTable();

const ROOT = path.resolve(__dirname, '../..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

describe('the table', () => {
  test('the local table is the one serverless.yml deploys: same keys, same indexes, TTL on', async () => {
    const client = localClient(process.env.DYNAMODB_ENDPOINT!);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME! }));
    const { create } = tableDefinition('x');
    expect(Table?.KeySchema).toEqual(create.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.Projection?.ProjectionType]).sort()).toEqual(
      create.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.Projection?.ProjectionType]).sort(),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: process.env.TABLE_NAME! }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    client.destroy();
  });

  test('a kept local table from an older version gains the indexes it lacks, and keeps its data', async () => {
    const client = localClient(process.env.DYNAMODB_ENDPOINT!);
    const name = `${process.env.TABLE_NAME}-old`;
    const { create } = tableDefinition(name);
    const old = ['GSI1', 'GSI2', 'GSI3'];
    await client.send(
      new CreateTableCommand({
        ...create,
        AttributeDefinitions: create.AttributeDefinitions?.filter((a) => !/^GSI[4-7]/.test(a.AttributeName!)),
        GlobalSecondaryIndexes: create.GlobalSecondaryIndexes?.filter((i) => old.includes(i.IndexName!)),
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: name, Item: { PK: { S: 'USER#u-kept' }, SK: { S: 'USER' }, name: { S: '老数据' } } }),
    );
    expect(await ensureTable(client, name)).toBe('kept');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual(
      ['GSI1', 'GSI2', 'GSI3', 'GSI4', 'GSI5', 'GSI6', 'GSI7'].map((n) => [n, 'ACTIVE']),
    );
    const kept = await client.send(new GetItemCommand({ TableName: name, Key: { PK: { S: 'USER#u-kept' }, SK: { S: 'USER' } } }));
    expect(kept.Item?.name.S).toBe('老数据');
    await client.send(new DeleteTableCommand({ TableName: name }));
    client.destroy();
  });

  test('in production it bills on demand, keeps point-in-time recovery, and survives a stack deletion', () => {
    const doc = parse(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8'));
    const table = doc.resources.Resources.LinliTable;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  test('no request path scans the table: lists are Queries on a key', () => {
    const offenders = sourceFiles(path.join(ROOT, 'functions')).filter((f) => /\bScan(Command)?\b/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('every access pattern in docs/data-model.md is served by a named function that exists', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/data-model.md'), 'utf8');
    const named = [...doc.matchAll(/`(\w+)\(\)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    const data = sourceFiles(path.join(ROOT, 'functions/data'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(named.filter((fn) => !new RegExp(`export ((async )?function|const) ${fn}\\b`).test(data))).toEqual([]);
  });
});
