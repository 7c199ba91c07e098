import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** The osls CLI, started with the current Node rather than through npx (no shell, clean signals). */
export const serverlessBin = (): string => path.join(path.dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');

/** A port nothing listens on right now, on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Polls a URL until it answers 2xx, for servers that print no reliable "ready" line. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface LocalApi {
  baseUrl: string;
  /** serverless-offline's Lambda invoke API, where `tick` can be run by hand. */
  lambdaUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The API on serverless-offline, as `npm start`, the tests and the load harness all run it (in-process
 * runner, see serverless.yml), in its own process group; ready once GET /health answers.
 */
export async function startLocalApi(opts: {
  stage: string;
  httpPort: number;
  lambdaPort?: number;
  env: NodeJS.ProcessEnv;
  stdio?: 'ignore' | 'inherit' | 'pipe';
}): Promise<LocalApi> {
  const lambdaPort = opts.lambdaPort ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      serverlessBin(),
      'offline',
      'start',
      '--stage',
      opts.stage,
      '--httpPort',
      String(opts.httpPort),
      '--lambdaPort',
      String(lambdaPort),
      '--noSponsor',
    ],
    {
      cwd: ROOT,
      env: opts.env,
      stdio: ['ignore', opts.stdio ?? 'ignore', opts.stdio === 'pipe' ? 'inherit' : (opts.stdio ?? 'ignore')],
      detached: true,
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  const baseUrl = `http://127.0.0.1:${opts.httpPort}`;
  try {
    await waitForHttp(`${baseUrl}/health`, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, lambdaUrl: `http://127.0.0.1:${lambdaPort}`, child, stop };
}

/** Runs `tick` through serverless-offline's Lambda invoke API, as EventBridge would, for the moment `time`. */
export async function invokeTick(lambdaUrl: string, stage: string, time: string): Promise<unknown> {
  const res = await fetch(`${lambdaUrl}/2015-03-31/functions/linli-${stage}-tick/invocations`, {
    method: 'POST',
    body: JSON.stringify({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', time, detail: {} }),
  });
  const body = await res.json().catch(() => null);
  if (res.status !== 200 || res.headers.get('x-amz-function-error'))
    throw new Error(`tick answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
