import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionsFromServerlessYml } from '../serverless-routes';

/**
 * `npm run bench`: for every function, its deploy bundle's size and its module-load time (median of 15
 * fresh Node processes), each as a ratio against a bundle of @aws-sdk/client-dynamodb alone, built and
 * measured the same way in the same run (for the load, in turns with each function's). Budgets: < 450 KB, load-time
 * ratio ≤ 1.5.
 *
 * The functions carry a smaller SDK than that baseline (only the credential sources Lambda uses:
 * scripts/lambda-credentials.ts), so the last column also gives each load against the same client built the way
 * the functions are: what the function adds on top of its own SDK.
 */
const { bundleHandler, bundleSource } = require('../build/bundle.cjs') as {
  bundleHandler: (handler: string, outfile: string) => Promise<{ bytes: number }>;
  bundleSource: (contents: string, outfile: string, options?: { asFunctions?: boolean }) => Promise<{ bytes: number }>;
};

const RUNS = 15;
const SIZE_BUDGET = 450 * 1024;
const LOAD_RATIO_BUDGET = 1.5;
const BASELINE = "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds to require the file in a fresh process, measured inside it (process start excluded). */
function loadTime(file: string): number {
  const probe = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = spawnSync(process.execPath, ['--no-warnings', '-e', probe], {
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'cn-north-1' },
  });
  if (out.status !== 0) throw new Error(`loading ${file} failed: ${out.stderr}`);
  return Number(out.stdout);
}

const loadTimes = (file: string): number[] => Array.from({ length: RUNS }, () => loadTime(file));

/**
 * The file's median load beside the baseline's, loaded in turns (baseline, file, baseline, …): the machine is
 * shared, and a burst of other work then slows both alike instead of whichever was being measured.
 */
function pairedLoad(file: string, baseline: string): { load: number; baseLoad: number } {
  const loads: number[] = [];
  const baseLoads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseLoads.push(loadTime(baseline));
    loads.push(loadTime(file));
  }
  return { load: median(loads), baseLoad: median(baseLoads) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  try {
    const base = await bundleSource(BASELINE, path.join(dir, 'baseline.js'));
    const baseLoad = median(loadTimes(path.join(dir, 'baseline.js')));
    const own = await bundleSource(BASELINE, path.join(dir, 'baseline-own.js'), { asFunctions: true });
    const ownLoad = median(loadTimes(path.join(dir, 'baseline-own.js')));
    console.log(
      `baseline: @aws-sdk/client-dynamodb alone: ${(base.bytes / 1024).toFixed(0)} KB, loads in ${baseLoad.toFixed(1)} ms (median of ${RUNS})`,
    );
    console.log(
      `          the same client built as the functions are: ${(own.bytes / 1024).toFixed(0)} KB, loads in ${ownLoad.toFixed(1)} ms\n`,
    );
    console.log(['function'.padEnd(16), 'size KB', 'size ×', 'load ms', 'load ×', 'budget', 'load × own SDK'].join('  '));
    let failures = 0;
    const ratios: number[] = [];
    for (const route of functionsFromServerlessYml()) {
      const file = path.join(dir, `${route.functionName}.js`);
      const { bytes } = await bundleHandler(route.handler, file);
      const paired = pairedLoad(file, path.join(dir, 'baseline.js'));
      const load = paired.load;
      const ratio = load / paired.baseLoad;
      ratios.push(ratio);
      const ok = bytes < SIZE_BUDGET && ratio <= LOAD_RATIO_BUDGET;
      if (!ok) failures++;
      console.log(
        [
          route.functionName.padEnd(16),
          (bytes / 1024).toFixed(0).padStart(7),
          (bytes / base.bytes).toFixed(2).padStart(6),
          load.toFixed(1).padStart(7),
          ratio.toFixed(2).padStart(6),
          (ok ? 'ok' : 'OVER').padEnd(6),
          // Against the functions' own SDK: the paired ratio scaled by how the two baselines compared at the start.
          ((ratio * baseLoad) / ownLoad).toFixed(2).padStart(14),
        ].join('  '),
      );
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(
      `\nload ×: ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}, median ${median(ratios).toFixed(2)} over ${ratios.length} functions`,
    );
    console.log(
      `budgets: size < ${SIZE_BUDGET / 1024} KB, load-time ratio ≤ ${LOAD_RATIO_BUDGET}; ${failures ? `${failures} over` : 'all within'}`,
    );
    process.exitCode = failures ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
