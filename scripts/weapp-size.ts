import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildClient, CLIENT_DIR } from './client-build';

/** WeChat's hard limit is 2,048 KB per package; ours is 1,536 KB, to leave room to grow. */
export const PACKAGE_BUDGET_KB = 1536;
export const WEAPP_DIR = path.join(CLIENT_DIR, 'dist', 'weapp');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );

/** The files of each package as WeChat counts them: each subpackage's folder, and everything else in the main one. */
export function packageFiles(): Map<string, string[]> {
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const packages = new Map<string, string[]>([['main', []], ...roots.map((r): [string, string[]] => [r, []])]);
  for (const file of filesUnder(WEAPP_DIR)) {
    const rel = path.relative(WEAPP_DIR, file);
    if (rel === 'project.config.json' || rel.endsWith('.map')) continue;
    packages.get(roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main')!.push(file);
  }
  return packages;
}

/** Bytes per package. */
export function packageSizes(): { name: string; kb: number }[] {
  return [...packageFiles()].map(([name, files]) => ({
    name,
    kb: Math.round((files.reduce((sum, f) => sum + statSync(f).size, 0) / 1024) * 10) / 10,
  }));
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
