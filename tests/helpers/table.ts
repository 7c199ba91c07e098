import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '../../scripts/local-dynamodb';
import { seedDemoData } from '../../scripts/seed';
import { ensureTable } from '../../scripts/table';

/** Creates this file's table from serverless.yml and seeds the demo data; drops it afterwards. */
export function useDemoTable(): void {
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  beforeAll(async () => {
    await ensureTable(client, process.env.TABLE_NAME!);
    await seedDemoData();
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME! }));
    client.destroy();
  });
}
