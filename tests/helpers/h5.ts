import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildClient, CLIENT_DIR, H5_DIR } from '../../scripts/client-build';
import { phone } from './browser';

const ROOT = path.resolve(__dirname, '../..');
const STAMP = path.join(H5_DIR, '.inputs-hash');
const LOCK = path.join(tmpdir(), 'linli-h5-build.lock');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );

/** What the H5 build is made from: the client, the shared code, the lock file. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(path.join(CLIENT_DIR, 'src')),
    ...filesUnder(path.join(CLIENT_DIR, 'config')),
    ...filesUnder(path.join(ROOT, 'shared')),
    path.join(ROOT, 'package-lock.json'),
  ];
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than ten minutes belongs to a run that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The H5 build the browser tests share: built once for the sources as they are (test files running in
 * parallel wait for one build instead of overwriting each other's), with no API address of its own —
 * each browser context names its API through storage (`apiContext`).
 */
export function builtH5(): Promise<string> {
  return withLock(async () => {
    const wanted = inputsHash();
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return H5_DIR;
    // An unroutable default: a context that forgets to name its API fails loudly.
    await buildClient('h5', { LINLI_API_BASE: 'http://127.0.0.1:9' });
    writeFileSync(STAMP, wanted);
    return H5_DIR;
  });
}

/** A phone-sized browser context whose app calls the API at `apiBase`. */
export async function apiContext(browser: Browser, apiBase: string): Promise<BrowserContext> {
  const context = await phone(browser);
  await context.addInitScript((base) => {
    if (!localStorage.getItem('linli.apiBase')) localStorage.setItem('linli.apiBase', JSON.stringify({ data: base }));
  }, apiBase);
  return context;
}
