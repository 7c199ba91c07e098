import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildClient, H5_DIR } from './client-build';
import { LOCAL_AWS_ENV, localClient, startLocalDynamo, type LocalDynamo } from './local-dynamodb';
import { LOCAL_RUNNER_ENV } from './local-env';
import { serverlessBin, waitForHttp } from './processes';
import { seedDemoData } from './seed';
import { serveStatic } from './static-server';
import { ensureTable } from './table';

/**
 * `npm run lighthouse`: Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown) on the H5 build, as a
 * new user meets it: the sign-in page, and a signed-in resident's home page. It starts what it needs on free
 * ports (an in-memory DynamoDB Local with the demo data, the API through serverless-offline, the static
 * server over a fresh H5 build), runs each page once to warm the API up and then 3 times, each in a fresh
 * Chromium, prints the median of each figure, and stops everything it started. Reports go to .artifacts/lighthouse/.
 *
 *   npm run lighthouse                 build, then 3 runs per page
 *   npm run lighthouse -- --runs 5     more runs
 *   npm run lighthouse -- --no-build   measure the H5 build already in client/dist/h5 (its API base is overridden)
 *   npm run lighthouse -- --web http://127.0.0.1:10086 --api http://127.0.0.1:3000
 *                                      measure a stack already running (`npm start`: its static server and API)
 *                                      instead of starting a quiet one of its own
 */
const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.artifacts', 'lighthouse');
const CHROME_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESIDENT = 'u-res-li';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 && Number(args[runsAt + 1]) > 0 ? Number(args[runsAt + 1]) : 3;
const BUILD = !args.includes('--no-build');
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1]?.replace(/\/$/, '') : undefined;
};
/** A running stack (`npm start`) to measure, as its app and API addresses; both or neither. */
const RUNNING = option('--web') && option('--api') ? { web: option('--web')!, api: option('--api')! } : undefined;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface Stack {
  web: string;
  api: string;
  stop(): Promise<void>;
}

/** DynamoDB Local in memory with the demo data, the API on serverless-offline, the H5 build served as `npm start` serves it. */
export async function startStack(): Promise<Stack> {
  let dynamo: LocalDynamo | undefined;
  let offline: ChildProcess | undefined;
  let web: Server | undefined;
  const stop = async () => {
    web?.close();
    if (offline && offline.exitCode === null) {
      const exited = new Promise((r) => offline!.once('exit', r));
      process.kill(-offline.pid!, 'SIGTERM');
      await exited;
    }
    await dynamo?.stop();
  };
  try {
    const [dynamoPort, apiPort, lambdaPort, webPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const api = `http://127.0.0.1:${apiPort}`;
    const build = BUILD ? buildClient('h5', { LINLI_API_BASE: api }) : Promise.resolve();
    Object.assign(process.env, LOCAL_AWS_ENV);
    dynamo = await startLocalDynamo({ port: dynamoPort });
    Object.assign(process.env, { DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'linli-lighthouse', STAGE: 'local', LOG_LEVEL: 'silent' });
    const client = localClient(dynamo.endpoint);
    await ensureTable(client, 'linli-lighthouse');
    client.destroy();
    await seedDemoData();
    offline = spawn(
      process.execPath,
      [
        serverlessBin(),
        'offline',
        'start',
        '--stage',
        'local',
        '--httpPort',
        String(apiPort),
        '--lambdaPort',
        String(lambdaPort),
        '--noSponsor',
      ],
      // Demo sign-in on, as `npm start` runs it: the signed-in page's session comes from /auth/dev-login.
      { cwd: ROOT, env: { ...process.env, ...LOCAL_RUNNER_ENV, LINLI_TABLE_NAME: 'linli-lighthouse' }, stdio: 'ignore', detached: true },
    );
    await waitForHttp(`${api}/auth/dev-users`, 90_000);
    await build;
    web = await serveStatic(H5_DIR, webPort);
    return { web: `http://127.0.0.1:${webPort}`, api, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface MeasuredPage {
  name: string;
  /** Storage to put in place before the run (Taro keeps each value as {"data": …}). */
  storage: (stack: Stack) => Promise<Record<string, unknown>>;
  url: (stack: Stack) => string;
}

const PAGES: MeasuredPage[] = [
  {
    // A new user opens the app and lands on the sign-in page.
    name: 'sign-in (signed out, /)',
    storage: async (stack) => ({ 'linli.apiBase': stack.api }),
    url: (stack) => `${stack.web}/`,
  },
  {
    // A resident who signed in before opens the app: the home page with their wishes and the wall.
    name: `home (resident ${RESIDENT})`,
    storage: async (stack) => {
      const res = await fetch(`${stack.api}/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: RESIDENT }),
      });
      const session = (await res.json()) as { token: string; user: unknown };
      return { 'linli.apiBase': stack.api, 'linli.token': session.token, 'linli.user': session.user, 'linli.elderMode': 'off' };
    },
    url: (stack) => `${stack.web}/`,
  },
];

let lighthouseVersion = '';

interface Figures {
  performance: number;
  lcp: number;
  fcp: number;
  tbt: number;
  cls: number;
  si: number;
  transferKb: number;
  resourceKb: number;
  requests: number;
  unusedJsKb: number;
}

/** One Lighthouse run in a fresh Chromium (empty cache and profile), storage set first when the page needs it. */
async function runOnce(stack: Stack, page: MeasuredPage, index: number): Promise<Figures> {
  const chromeLauncher = await import('chrome-launcher');
  const { default: lighthouse } = await import('lighthouse');
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const storage = await page.storage(stack);
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const tab = await cdp.contexts()[0].newPage();
    // Any path of the origin will do; Lighthouse clears the HTTP cache before it measures, not localStorage.
    await tab.goto(`${stack.web}/`);
    await tab.evaluate((items) => {
      localStorage.clear();
      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, JSON.stringify({ data: value }));
    }, storage);
    await tab.close();
    await cdp.close();

    const result = await lighthouse(page.url(stack), {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    lighthouseVersion = lhr.lighthouseVersion;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, `${page.name.split(' ')[0]}-${index < 0 ? 'warm-up' : index + 1}.json`), JSON.stringify(lhr));
    const audit = (id: string) => lhr.audits[id];
    const requests = (audit('network-requests').details as { items: { resourceSize?: number }[] }).items;
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      lcp: audit('largest-contentful-paint').numericValue ?? NaN,
      fcp: audit('first-contentful-paint').numericValue ?? NaN,
      tbt: audit('total-blocking-time').numericValue ?? NaN,
      cls: audit('cumulative-layout-shift').numericValue ?? NaN,
      si: audit('speed-index').numericValue ?? NaN,
      transferKb: (audit('total-byte-weight').numericValue ?? NaN) / 1024,
      resourceKb: requests.reduce((sum, r) => sum + (r.resourceSize ?? 0), 0) / 1024,
      requests: requests.length,
      unusedJsKb: ((audit('unused-javascript').details as { overallSavingsBytes?: number } | undefined)?.overallSavingsBytes ?? 0) / 1024,
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function table(rows: { page: string; figures: Figures }[]): string {
  const head = ['page', 'perf', 'LCP s', 'FCP s', 'TBT ms', 'CLS', 'SI s', 'transfer KB', 'uncompressed KB', 'requests', 'unused JS KB'];
  const body = rows.map(({ page, figures: f }) => [
    page,
    String(f.performance),
    (f.lcp / 1000).toFixed(2),
    (f.fcp / 1000).toFixed(2),
    String(Math.round(f.tbt)),
    f.cls.toFixed(3),
    (f.si / 1000).toFixed(2),
    f.transferKb.toFixed(0),
    f.resourceKb.toFixed(0),
    String(f.requests),
    f.unusedJsKb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  if ((option('--web') === undefined) !== (option('--api') === undefined)) throw new Error('--web and --api go together');
  if (RUNNING) console.log(`Measuring the running stack: app ${RUNNING.web}, API ${RUNNING.api}`);
  else console.log(BUILD ? 'Building the H5 app and starting DynamoDB Local and the API…' : 'Starting DynamoDB Local and the API…');
  const stack: Stack = RUNNING ? { ...RUNNING, stop: async () => {} } : await startStack();
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const rows: { page: string; figures: Figures }[] = [];
    for (const page of PAGES) {
      // One run first, not counted: serverless-offline loads each handler on its first request, a cost of
      // the local runner, not of the app.
      await runOnce(stack, page, -1);
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await runOnce(stack, page, i));
        const r = runs[i];
        console.log(
          `  ${page.name} run ${i + 1}/${RUNS}: performance ${r.performance}, LCP ${(r.lcp / 1000).toFixed(2)} s, TBT ${Math.round(r.tbt)} ms, ${r.requests} requests`,
        );
      }
      const keys = Object.keys(runs[0]) as (keyof Figures)[];
      rows.push({
        page: page.name,
        figures: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as unknown as Figures,
      });
    }
    console.log(`\nLighthouse ${lighthouseVersion}, mobile preset, median of ${RUNS} runs (each column on its own):\n`);
    console.log(table(rows));
    console.log(`\nReports: ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
