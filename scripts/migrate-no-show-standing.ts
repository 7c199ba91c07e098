import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../functions/config';
import { db } from '../functions/data/db';
import { rebuildStanding } from '../functions/data/booking/standing';

/**
 * Once per table, when the no-show standing item (docs/data-model.md, `NOSHOW#<resident>` / `STANDING`) first
 * ships: every resident with no-show records gets their standing rebuilt from those records, so no-shows
 * recorded before it still count. Run it before the new booking code serves requests (a booking no longer
 * queries the records), and again at any time: it rebuilds from the records, which every no-show and excuse
 * still write. An operator's script, not a request path: it scans (for `NOSHOW#` records) and reads one
 * resident at a time.
 *
 *   npx tsx scripts/migrate-no-show-standing.ts      (TABLE_NAME, DYNAMODB_ENDPOINT for a local table)
 */
export async function migrateNoShowStanding(nowMs = Date.now()): Promise<number> {
  const residents = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(PK, :noshow) AND SK <> :standing',
        ExpressionAttributeValues: { ':noshow': 'NOSHOW#', ':standing': 'STANDING' },
        ProjectionExpression: 'PK',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) residents.add(String(item.PK).slice('NOSHOW#'.length));
    start = out.LastEvaluatedKey;
  } while (start);
  for (const residentId of residents) await rebuildStanding(residentId, nowMs);
  return residents.size;
}

if (require.main === module) {
  migrateNoShowStanding()
    .then((n) => console.log(`no-show standing rebuilt for ${n} resident(s)`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
