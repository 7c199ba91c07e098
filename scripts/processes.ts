import path from 'node:path';

/** The osls CLI, started with the current Node rather than through npx (no shell, clean signals). */
export const serverlessBin = (): string => path.join(path.dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');

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
