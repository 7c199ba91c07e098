import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench`: runs every part named on the command line (package.json lists them), one after another, each in
 * its own process with its output shown as it comes, whatever the parts before it found. A line a part marks `OVER`
 * is over its budget; at the end the run lists, per part, its exit status and its lines over budget, and exits 1 if
 * any part failed or printed one, so one run shows every figure and still fails when one is over.
 */
const ROOT = path.resolve(__dirname, '../..');
const OVER = /\bOVER\b/;

interface Part {
  script: string;
  code: number | null;
  over: string[];
}

function runPart(script: string): Promise<Part> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const over: string[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (OVER.test(line)) over.push(line.trim());
    });
    child.on('close', (code) => {
      if (OVER.test(pending)) over.push(pending.trim());
      resolve({ script, code, over });
    });
  });
}

async function main(): Promise<void> {
  const scripts = process.argv.slice(2);
  if (scripts.length === 0) throw new Error('name the bench scripts to run, e.g. scripts/bench/bench.ts');
  const parts: Part[] = [];
  for (const script of scripts) {
    console.log(`\n=== ${script}\n`);
    parts.push(await runPart(script));
  }
  console.log('\n=== summary');
  for (const p of parts) {
    const status = p.over.length > 0 ? `${p.over.length} over budget` : p.code !== 0 ? `failed (exit ${p.code})` : 'ok';
    console.log(`${p.script}: ${status}`);
    for (const line of p.over) console.log(`  ${line}`);
  }
  process.exitCode = parts.every((p) => p.code === 0 && p.over.length === 0) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
