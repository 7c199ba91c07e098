import type { Server } from 'node:http';
import path from 'node:path';
import { buildClient, H5_DIR } from './client-build';
import { USERS } from './demo-data';
import { DEMO_WISHES } from './demo-wishes';
import { startFakeWechat, type FakeWechat } from './fake-wechat';
import { LOCAL_RUNNER_ENV } from './local-env';
import { JavaMissingError, LOCAL_AWS_ENV, localClient, startLocalDynamo, type LocalDynamo } from './local-dynamodb';
import { invokeTick, startLocalApi, type LocalApi } from './processes';
import { seedDemoHistory } from './figures/demo-history';
import { seedDemoData } from './seed';
import { serveStatic } from './static-server';
import { ensureTable } from './table';

/** `npm start`: DynamoDB Local (persisted), the table from serverless.yml, demo data, the API, and the H5 app. */
const ROOT = path.resolve(__dirname, '..');
const API_PORT = Number(process.env.API_PORT ?? 3000);
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
const CLIENT_PORT = Number(process.env.CLIENT_PORT ?? 10086);
const WECHAT_PORT = Number(process.env.WECHAT_PORT ?? API_PORT + 4);
const DATA_DIR = path.join(ROOT, '.data', 'dynamodb');
const TABLE = 'linli-local';

const ROLE_NAMES: Record<string, string> = {
  resident: '居民',
  volunteer: '志愿者',
  gridWorker: '网格员',
  staff: '社区工作人员',
  streetStaff: '街道工作人员',
  admin: '管理员',
};

let dynamo: LocalDynamo | undefined;
let api: LocalApi | undefined;
let web: Server | undefined;
let wechat: FakeWechat | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await api?.stop();
    web?.close();
    await wechat?.close();
    await dynamo?.stop();
  }
  process.exit(code);
}

function printWelcome(): void {
  const lines = [
    '',
    `Open http://localhost:${CLIENT_PORT} : Linli 邻里 in the browser (the H5 build of the mini-program).`,
    '',
    'Linli 邻里 is running.',
    `  App (H5):       http://localhost:${CLIENT_PORT}`,
    `  API:            http://localhost:${API_PORT}`,
    `  DynamoDB Local: http://localhost:${DYNAMODB_PORT} (table ${TABLE}, data in .data/dynamodb)`,
    `  WeChat stand-in: ${wechat?.baseUrl} (code2Session for POST /auth/wechat: any code signs in the person it names)`,
    '',
    'New resident: tap 新用户注册 on the sign-in page (the real WeChat sign-in path, through the stand-in).',
    'Demo accounts (pick one on the sign-in page, or POST /auth/dev-login {"userId": "..."}):',
    ...USERS.map((u) => `  ${u.id.padEnd(14)} ${u.name.padEnd(6, '\u3000')} ${u.roles.map((r) => ROLE_NAMES[r]).join('、')}`),
    '',
    `Try: curl -s -X POST localhost:${API_PORT}/auth/dev-login -H 'content-type: application/json' -d '{"userId":"u-res-wang"}'`,
    'Press Ctrl-C to stop everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Whatever goes wrong, never leave DynamoDB Local or the API running behind.
  process.on('uncaughtException', (error) => {
    console.error(error);
    void shutdown(1);
  });

  // The H5 build takes about a minute; it runs while the database starts.
  console.log('Building the H5 app…');
  const h5 = buildClient('h5', { LINLI_API_BASE: `http://localhost:${API_PORT}` });

  Object.assign(process.env, LOCAL_AWS_ENV);
  dynamo = await startLocalDynamo({ port: DYNAMODB_PORT, path: DATA_DIR });
  // WeChat's servers are not reachable from here: a stand-in on loopback answers code2Session instead.
  const appId = 'wx-local-standin';
  const secret = 'local-standin-secret';
  wechat = await startFakeWechat({ appId, secret, mode: 'open', port: WECHAT_PORT });
  Object.assign(process.env, LOCAL_RUNNER_ENV, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: TABLE,
    STAGE: 'local',
    WECHAT_APP_ID: appId,
    WECHAT_APP_SECRET: secret,
    WECHAT_API_BASE: wechat.baseUrl,
  });
  const client = localClient(dynamo.endpoint);
  const table = await ensureTable(client, TABLE);
  client.destroy();
  const seeded = await seedDemoData(new Date(), { council: true });
  console.log(
    `Table ${TABLE} ${table === 'created' ? 'created' : 'kept with its data'}; demo data: ${seeded.users} users, ${seeded.wishesCreated} of ${DEMO_WISHES.length} demo wishes new, ${seeded.topicsCreated} council topics new.`,
  );
  // Five months of 古城's wishes, played through the domain and counted like any other, so the figures are not empty.
  const history = await seedDemoHistory();
  if (history.wishes) console.log(`Demo history: ${history.wishes} wishes of the last five months in 古城's grids.`);

  const local = await startLocalApi({
    stage: 'local',
    httpPort: API_PORT,
    lambdaPort: API_PORT + 2,
    env: { ...process.env },
    stdio: process.env.VERBOSE ? 'inherit' : 'ignore',
  });
  api = local;
  local.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`The API (serverless-offline) stopped with code ${code}.`);
      void shutdown(1);
    }
  });
  // The clocks run every 5 minutes; one run now lets a first visit see the demo wishes' clocks at work.
  await invokeTick(local.lambdaUrl, 'local', new Date().toISOString()).catch((error: unknown) =>
    console.error('The first clock run failed:', error),
  );
  await h5;
  web = await serveStatic(H5_DIR, CLIENT_PORT, '0.0.0.0');
  printWelcome();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  await shutdown(1);
});
