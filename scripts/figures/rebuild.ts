import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { db } from '../../functions/data/db';
import { rebuildMonth } from '../../functions/figures/rebuild';
import { beijingMonth } from '../../shared/domain/beijing-time';
import { Month } from '../../shared/schemas/figures';
import { LOCAL_AWS_ENV } from '../local-dynamodb';

/**
 * `npm run figures:rebuild -- --month 2026-11`: recounts every figure counter and drill-down list of a month from
 * the wishes' timelines (functions/figures/rebuild.ts) and prints what differed. Against the table `npm start`
 * runs unless TABLE_NAME (and DYNAMODB_ENDPOINT, or AWS credentials for a deployed table) say otherwise.
 *   --dry-run   compare only, write nothing
 *   --scan      also find the month's wishes that were never counted (written before figures existed) by scanning
 *               the table: slow and costly on a big table, which is why no request path and no default run does it
 */
async function uncountedWishes(month: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: process.env.TABLE_NAME,
        FilterExpression: '#t = :wish',
        ExpressionAttributeNames: { '#t': 'type', '#c': 'createdAt' },
        ExpressionAttributeValues: { ':wish': 'wish' },
        ProjectionExpression: 'id, #c',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) if (beijingMonth(Date.parse(String(item.createdAt))) === month) ids.push(String(item.id));
    start = out.LastEvaluatedKey;
  } while (start);
  return ids;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { month: { type: 'string' }, 'dry-run': { type: 'boolean' }, scan: { type: 'boolean' } } });
  const month = Month.safeParse(values.month);
  if (!month.success) throw new Error('say which month: npm run figures:rebuild -- --month 2026-11');
  if (!process.env.TABLE_NAME) {
    Object.assign(process.env, LOCAL_AWS_ENV, {
      TABLE_NAME: 'linli-local',
      DYNAMODB_ENDPOINT: `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`,
    });
  }
  const extra = values.scan ? await uncountedWishes(month.data) : [];
  const report = await rebuildMonth(month.data, { write: !values['dry-run'], extraWishIds: extra });
  console.log(
    `${report.month}: ${report.wishes} wishes recounted from their timelines; ${report.counters.length} counters, ` +
      `${report.lists.length} list entries and ${report.recounted.length} wish records differed${report.written ? '; every one is rewritten' : ' (dry run: nothing written)'}.`,
  );
  for (const c of report.counters) console.log(`  ${c.cell} ${c.key}: stored ${c.stored}, timelines say ${c.rebuilt}`);
  for (const l of report.lists) console.log(`  ${l.cell} ${l.figure}:${l.part} ${l.change}${l.wishId}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
