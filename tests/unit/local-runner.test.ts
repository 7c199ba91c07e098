import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertJava, JavaMissingError } from '../../scripts/local-dynamodb';
import { tableDefinition } from '../../scripts/table';

describe('the local runner', () => {
  test('without Java it says in one line what to install', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-java-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      expect(() => assertJava()).toThrow(JavaMissingError);
      expect(() => assertJava()).toThrow(/apt-get install -y openjdk-17-jre-headless/);
      expect(new JavaMissingError().message).not.toContain('\n');
    } finally {
      process.env.PATH = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('the local table definition is read from serverless.yml, under the name asked for', () => {
    const { create, ttlAttribute } = tableDefinition('linli-local');
    expect(create.TableName).toBe('linli-local');
    expect(create.BillingMode).toBe('PAY_PER_REQUEST');
    expect(create.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['GSI1', 'GSI2', 'GSI3', 'GSI4', 'GSI5', 'GSI6', 'GSI7']);
    expect(ttlAttribute).toBe('expiresAt');
    expect(create).not.toHaveProperty('PointInTimeRecoverySpecification');
  });
});
