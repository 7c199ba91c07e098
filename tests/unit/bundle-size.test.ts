import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionsFromServerlessYml } from '../../scripts/serverless-routes';

const { bundleHandler } = require('../../scripts/build/bundle.cjs') as {
  bundleHandler: (handler: string, outfile: string) => Promise<{ bytes: number; inputs: string[] }>;
};

/** Issue 17's target; the largest function, `tick`, is about 446 KB today (README, Benchmarks). */
const BUDGET_BYTES = 450 * 1024;

/** The SDK's credential sources a Lambda never reaches (scripts/build/lambda-credentials.ts), and their STS/SSO clients. */
const NEVER_ON_LAMBDA = /@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|token-providers)\//;

/**
 * Parts of the DynamoDB client package no function uses (the aggregated client, the waiters, the paginators): the
 * bundler gives the package a slim entry (scripts/build/slim-dynamodb.cjs), without which `tick`, whose clocks load
 * lazily, would carry all of them (about 60 KB, over the budget).
 */
const NEVER_USED = /@aws-sdk\/client-dynamodb\/dist-es\/(DynamoDB\.js|waiters\/|pagination\/)/;

/** zod's JSON Schema conversion, which no function uses: the bundler replaces it with stubs (scripts/build/slim-zod.cjs). */
const JSON_SCHEMA_CONVERSION = 'json-schema.org/draft';

describe('deploy bundles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every function bundles to under 450 KB minified, as it is deployed, without the credential sources Lambda never uses nor the SDK or zod parts none uses', async () => {
    const over: string[] = [];
    const carrying: string[] = [];
    for (const route of functionsFromServerlessYml()) {
      const { bytes, inputs } = await bundleHandler(route.handler, path.join(dir, `${route.functionName}.js`));
      if (bytes >= BUDGET_BYTES) over.push(`${route.functionName}: ${(bytes / 1024).toFixed(0)} KB`);
      const unused = inputs.filter((i) => NEVER_ON_LAMBDA.test(i) || NEVER_USED.test(i));
      if (unused.length) carrying.push(`${route.functionName}: ${unused[0]}`);
      const text = readFileSync(path.join(dir, `${route.functionName}.js`), 'utf8');
      if (text.includes(JSON_SCHEMA_CONVERSION)) carrying.push(`${route.functionName}: zod's JSON Schema conversion`);
      expect(bytes).toBeGreaterThan(10 * 1024); // a real bundle, not an empty file
    }
    expect(over).toEqual([]);
    expect(carrying).toEqual([]);
  });
});
