import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildClient, CLIENT_DIR } from './client-build';

/** WeChat's hard limit is 2,048 KB per package; ours is 1,536 KB, to leave room to grow. */
export const PACKAGE_BUDGET_KB = 1536;
export const WEAPP_DIR = path.join(CLIENT_DIR, 'dist', 'weapp');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** Bytes per package as WeChat counts them: each subpackage's folder, and everything else in the main one. */
export function packageSizes(): { name: string; kb: number }[] {
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])]);
  for (const file of filesUnder(WEAPP_DIR)) {
    const rel = path.relative(WEAPP_DIR, file);
    if (rel === 'project.config.json' || rel.endsWith('.map')) continue;
    const root = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
    sizes.set(root, (sizes.get(root) ?? 0) + statSync(file).size);
  }
  return [...sizes].map(([name, bytes]) => ({ name, kb: Math.round((bytes / 1024) * 10) / 10 }));
}

async function main(): Promise<void> {
  await buildClient('weapp');
  let over = 0;
  for (const { name, kb } of packageSizes()) {
    const ok = kb <= PACKAGE_BUDGET_KB;
    if (!ok) over++;
    console.log(`${name.padEnd(10)} ${String(kb).padStart(8)} KB  ${ok ? 'ok' : `OVER ${PACKAGE_BUDGET_KB} KB`}`);
  }
  process.exitCode = over ? 1 : 0;
}

if (require.main === module) void main();
