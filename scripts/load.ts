import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS_ENV, localClient, startLocalDynamo } from './local-dynamodb';
import { startFakeWechat } from './fake-wechat';
import { LOCAL_RUNNER_ENV } from './local-env';
import { checkTable } from './load/check';
import { runEvening, type EveningOptions } from './load/evening';
import { freePort, startLocalApi } from './processes';
import { seedDemoData } from './seed';
import { ensureTable } from './table';

export interface LoadRun {
  ok: boolean;
  report: string;
}

/**
 * An evening in 古城社区 over real HTTP, on a stack of its own: serverless-offline as `npm start` runs it,
 * the WeChat stand-in, and a fresh table in DynamoDB Local (started here unless `dynamoEndpoint` is given,
 * as the tests do). Returns the report and whether the table's checks passed.
 */
export async function runLoad(
  opts: Omit<EveningOptions, 'baseUrl'> & { dynamoEndpoint?: string },
  log = (line: string) => console.log(line),
): Promise<LoadRun> {
  Object.assign(process.env, LOCAL_AWS_ENV, LOCAL_RUNNER_ENV);
  const dynamo = opts.dynamoEndpoint ? null : await startLocalDynamo({ port: await freePort() });
  const endpoint = opts.dynamoEndpoint ?? dynamo!.endpoint;
  const table = `load-${Date.now().toString(36)}`;
  const wechat = await startFakeWechat({ appId: 'wx-load', secret: 'load-secret', mode: 'open' });
  Object.assign(process.env, { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: table, STAGE: 'local' });
  const client = localClient(endpoint);
  let api: Awaited<ReturnType<typeof startLocalApi>> | undefined;
  try {
    await ensureTable(client, table);
    await seedDemoData();
    api = await startLocalApi({
      stage: 'local',
      httpPort: await freePort(),
      env: {
        ...process.env,
        LINLI_TABLE_NAME: table,
        WECHAT_APP_ID: 'wx-load',
        WECHAT_APP_SECRET: 'load-secret',
        WECHAT_API_BASE: wechat.baseUrl,
        LOG_LEVEL: 'SILENT',
        LINLI_TICK_SCHEDULE: 'false',
      },
    });
    const evening = await runEvening({ ...opts, baseUrl: api.baseUrl }, log);
    const check = await checkTable(evening);
    const report = [
      'Setting up (sign-in, onboarding, verification):',
      evening.setup.report(),
      '',
      'The evening:',
      evening.metrics.report(),
      '',
      ...check.lines,
    ];
    return { ok: check.ok, report: report.join('\n') };
  } finally {
    await api?.stop();
    await wechat.close();
    await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    client.destroy();
    await dynamo?.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string', default: '200' },
      volunteers: { type: 'string', default: '30' },
      duration: { type: 'string', default: '60' },
      wishes: { type: 'string', default: '2' },
      verified: { type: 'string', default: '0.5' },
    },
  });
  const run = await runLoad({
    residents: Number(values.residents),
    volunteers: Number(values.volunteers),
    durationSeconds: Number(values.duration),
    wishesPerResident: Number(values.wishes),
    verifiedShare: Number(values.verified),
  });
  console.log(`\n${run.report}`);
  process.exitCode = run.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
