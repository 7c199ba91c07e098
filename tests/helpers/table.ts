import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '../../scripts/local-dynamodb';
import { seedDemoData } from '../../scripts/seed';
import { ensureTable } from '../../scripts/table';
import { TEAMS } from '../../scripts/demo-data';
import { putTeam } from '../../functions/data/teams';

/** Creates this file's table from serverless.yml and seeds the demo data (with room on the teams); drops it afterwards. */
export function useDemoTable(): void {
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  beforeAll(async () => {
    await ensureTable(client, process.env.TABLE_NAME!);
    await seedDemoData();
    // The tests drive two volunteers through hundreds of wishes; the caps on open claims have tests of their own.
    await Promise.all(TEAMS.map((t) => putTeam({ ...t, teamCap: 10_000, memberCap: 5_000 })));
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME! }));
    client.destroy();
  });
}
