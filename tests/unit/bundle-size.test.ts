import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionsFromServerlessYml } from '../../scripts/serverless-routes';

const { bundleHandler } = require('../../scripts/bundle.cjs') as {
  bundleHandler: (handler: string, outfile: string) => Promise<{ bytes: number }>;
};

const BUDGET_BYTES = 600 * 1024;

describe('deploy bundles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every function bundles to at most 600 KB minified, as it is deployed', async () => {
    const over: string[] = [];
    for (const route of functionsFromServerlessYml()) {
      const { bytes } = await bundleHandler(route.handler, path.join(dir, `${route.functionName}.js`));
      if (bytes > BUDGET_BYTES) over.push(`${route.functionName}: ${(bytes / 1024).toFixed(0)} KB`);
      expect(bytes).toBeGreaterThan(10 * 1024); // a real bundle, not an empty file
    }
    expect(over).toEqual([]);
  });
});
