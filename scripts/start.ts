import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { buildClient, H5_DIR } from './client-build';
import { DEMO_WISHES, USERS } from './demo-data';
import { JavaMissingError, LOCAL_AWS_ENV, localClient, startLocalDynamo, type LocalDynamo } from './local-dynamodb';
import { serverlessBin, waitForHttp } from './processes';
import { seedDemoData } from './seed';
import { serveStatic } from './static-server';
import { ensureTable } from './table';

/** `npm start`: DynamoDB Local (persisted), the table from serverless.yml, demo data, the API, and the H5 app. */
const ROOT = path.resolve(__dirname, '..');
const API_PORT = Number(process.env.API_PORT ?? 3000);
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
const CLIENT_PORT = Number(process.env.CLIENT_PORT ?? 10086);
const DATA_DIR = path.join(ROOT, '.data', 'dynamodb');
const TABLE = 'linli-local';

const ROLE_NAMES: Record<string, string> = { resident: '居民', volunteer: '志愿者', gridWorker: '网格员', staff: '社区工作人员', admin: '管理员' };

let dynamo: LocalDynamo | undefined;
let api: ChildProcess | undefined;
let web: Server | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    api?.kill('SIGTERM');
    web?.close();
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
    '',
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
  Object.assign(process.env, { DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: TABLE, STAGE: 'local' });
  const client = localClient(dynamo.endpoint);
  const table = await ensureTable(client, TABLE);
  client.destroy();
  const seeded = await seedDemoData();
  console.log(`Table ${TABLE} ${table === 'created' ? 'created' : 'kept with its data'}; demo data: ${seeded.users} users, ${seeded.wishesCreated} of ${DEMO_WISHES.length} demo wishes new.`);

  api = spawn(process.execPath, [serverlessBin(), 'offline', 'start', '--stage', 'local', '--httpPort', String(API_PORT), '--lambdaPort', String(API_PORT + 2), '--noSponsor'], {
    cwd: ROOT,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  api.stdout?.on('data', (chunk: Buffer) => process.env.VERBOSE && process.stdout.write(chunk));
  api.on('exit', (code) => {
    if (!stopping) {
      console.error(`The API (serverless-offline) stopped with code ${code}.`);
      void shutdown(1);
    }
  });
  await waitForHttp(`http://localhost:${API_PORT}/auth/dev-users`, 90_000);
  await h5;
  web = await serveStatic(H5_DIR, CLIENT_PORT, '0.0.0.0');
  printWelcome();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  await shutdown(1);
});
