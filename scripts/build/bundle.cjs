// Bundles one Lambda handler with esbuild. Used by the deploy plugin and by the benchmark, so what is
// measured is what is shipped.
const esbuild = require('esbuild');
const path = require('node:path');
const { pureSchemas } = require('./pure-schemas.cjs');
const { slimDynamodb } = require('./slim-dynamodb.cjs');
const { slimZod } = require('./slim-zod.cjs');

const ROOT = path.resolve(__dirname, '../..');

/** `functions/people/routes/get-me.handler` → the source file and the exported name. */
function entryOf(handler) {
  const dot = handler.lastIndexOf('.');
  return { file: path.join(ROOT, `${handler.slice(0, dot)}.ts`), exportName: handler.slice(dot + 1) };
}

/**
 * What a function ships with besides the bundling itself: only the part of the SDK's credential chain that Lambda
 * can reach (scripts/build/lambda-credentials.ts), and zod schemas marked side-effect free so a function builds at load
 * only those its route can reach (scripts/build/pure-schemas.cjs), and the DynamoDB client package without the parts
 * no function uses, which a lazily loaded module would otherwise keep (scripts/build/slim-dynamodb.cjs), and zod
 * without its JSON Schema conversion, which no function uses (scripts/build/slim-zod.cjs).
 */
const FUNCTION_OPTIONS = {
  alias: { '@aws-sdk/credential-provider-node': path.join(ROOT, 'scripts/build/lambda-credentials.ts') },
  plugins: [slimDynamodb(ROOT), pureSchemas(ROOT), slimZod()],
};

async function build(entry, outfile, extra = {}) {
  const result = await esbuild.build({
    ...entry,
    ...extra,
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    // The SDK's ES module builds tree-shake far better than its CommonJS ones (about 460 KB against 660 KB).
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { outfile, bytes, inputs: Object.keys(result.metafile.inputs) };
}

const bundleHandler = (handler, outfile) => build({ entryPoints: [entryOf(handler).file] }, outfile, FUNCTION_OPTIONS);

/**
 * Bundles a snippet of source as if it were a file at the repository root (the benchmark's baseline): as the SDK
 * ships, or with `{ asFunctions: true }` the way the functions are built.
 */
const bundleSource = (contents, outfile, { asFunctions = false } = {}) =>
  build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' } }, outfile, asFunctions ? FUNCTION_OPTIONS : {});

module.exports = { bundleHandler, bundleSource, entryOf, ROOT };
