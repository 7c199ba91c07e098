import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionsFromServerlessYml } from '../../scripts/serverless-routes';

const { bundleHandler, bundleSource } = require('../../scripts/build/bundle.cjs') as {
  bundleHandler: (handler: string, outfile: string) => Promise<{ bytes: number; inputs: string[] }>;
  bundleSource: (contents: string, outfile: string, options: { asFunctions: boolean }) => Promise<{ bytes: number }>;
};

/** Issue 17's target; the largest function, `tick`, is about 410 KB today (README, Benchmarks). */
const BUDGET_BYTES = 450 * 1024;

/** The SDK's credential sources a Lambda never reaches (scripts/build/lambda-credentials.ts), and their STS/SSO clients. */
const NEVER_ON_LAMBDA = /@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|token-providers)\//;

/**
 * Parts of the DynamoDB client package no function uses (the aggregated client, the waiters, the paginators): the
 * bundler gives the package a slim entry (scripts/build/slim-dynamodb.cjs), without which `tick`, whose clocks load
 * lazily, would carry all of them (about 60 KB, over the budget).
 */
const NEVER_USED = /@aws-sdk\/client-dynamodb\/dist-es\/(DynamoDB\.js|waiters\/|pagination\/)/;

/**
 * zod's JSON Schema conversion, which no function uses (its driver, and its processors, by a message each carries):
 * the bundler replaces it with stubs (scripts/build/slim-zod.cjs).
 */
const JSON_SCHEMA_CONVERSION = ['json-schema.org/draft', 'cannot be represented in JSON Schema'];

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
      if (JSON_SCHEMA_CONVERSION.some((marker) => text.includes(marker)))
        carrying.push(`${route.functionName}: zod's JSON Schema conversion`);
      expect(bytes).toBeGreaterThan(10 * 1024); // a real bundle, not an empty file
    }
    expect(over).toEqual([]);
    expect(carrying).toEqual([]);
  });

  test('zod as the functions carry it still parses and reads its checks; only JSON Schema conversion is gone, and says so', async () => {
    const file = path.join(dir, 'zod-as-shipped.js');
    const source = "import * as z from 'zod'; export const text = z.string().min(2).max(9); export const count = z.number().int().min(1);";
    await bundleSource(source, file, { asFunctions: true });
    const zod = require(file) as Record<string, any>;
    expect(zod.text.safeParse('灯坏了').success).toBe(true);
    expect(zod.text.safeParse('x').success).toBe(false);
    expect([zod.text.minLength, zod.text.maxLength, zod.count.minValue, zod.count.isInt]).toEqual([2, 9, 1, true]);
    expect(() => zod.text.toJSONSchema()).toThrow('zod JSON Schema conversion is left out of the Lambda bundles');
  });
});
