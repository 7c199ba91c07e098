import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { serverlessBin, waitForHttp } from '../../scripts/processes';
import { freePort } from './free-port';

export interface Offline {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real `serverless offline` on loopback, over this test file's table in DynamoDB Local. */
export async function startOffline(opts: { httpPortOverride?: string } = {}): Promise<Offline> {
  const httpPort = opts.httpPortOverride ? Number(opts.httpPortOverride) : await freePort();
  const lambdaPort = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [serverlessBin(), 'offline', 'start', '--stage', 'test', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--noSponsor'],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, LINLI_TABLE_NAME: process.env.TABLE_NAME! },
      stdio: 'ignore',
      detached: true,
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  try {
    await waitForHttp(`${baseUrl}/auth/dev-users`, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
