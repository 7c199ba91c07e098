// An esbuild plugin for the Lambda bundles: `@aws-sdk/client-dynamodb` resolves to a small entry that re-exports,
// from the package's own files, only the client, the commands the document client wraps, and the models (errors,
// enums), instead of the package's index, which also re-exports the aggregated `DynamoDB` client, every command,
// the paginators and the waiters.
//
// Bundled eagerly, the index costs nothing: esbuild drops what no one uses. But a module reached through `import()`
// is bundled behind a lazy wrapper, and so is everything it imports, the SDK included; esbuild then keeps every
// file a wrapped index re-exports (about 60 KB more: all 57 commands' schemas). `tick` loads each clock's code on
// first use that way (functions/tick/run.ts). The same entry is used for every function, so what is measured is
// what is shipped, and a name the entry does not export fails the build instead of the function.
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = '@aws-sdk/client-dynamodb';

/** The value names @aws-sdk/lib-dynamodb imports from the client package (its command classes, the client). */
function namesLibDynamodbUses(root) {
  const names = new Set(['DynamoDBClient']);
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.js'))
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-dynamodb"/g))
          for (const spec of m[1].split(',')) {
            const name = spec.trim().split(/\s+as\s+/)[0];
            if (name) names.add(name);
          }
    }
  };
  walk(path.join(root, 'node_modules/@aws-sdk/lib-dynamodb/dist-es'));
  return names;
}

function entryFor(root) {
  const dist = path.join(root, 'node_modules', PACKAGE, 'dist-es');
  const lines = [...namesLibDynamodbUses(root)].sort().map((name) => {
    const file = name === 'DynamoDBClient' ? 'DynamoDBClient.js' : `commands/${name}.js`;
    if (!fs.existsSync(path.join(dist, file))) throw new Error(`slim-dynamodb: no ${file} in ${PACKAGE} for ${name}`);
    return `export { ${name} } from ${JSON.stringify(path.join(dist, file))};`;
  });
  for (const file of ['models/enums.js', 'models/errors.js', 'models/DynamoDBServiceException.js'])
    lines.push(`export * from ${JSON.stringify(path.join(dist, file))};`);
  return { contents: lines.join('\n'), resolveDir: dist };
}

const slimDynamodb = (root) => ({
  name: 'slim-dynamodb',
  setup(build) {
    let entry;
    build.onResolve({ filter: /^@aws-sdk\/client-dynamodb$/ }, () => ({ path: PACKAGE, namespace: 'slim-dynamodb' }));
    build.onLoad({ filter: /.*/, namespace: 'slim-dynamodb' }, () => {
      entry ??= entryFor(root);
      return { ...entry, loader: 'js' };
    });
  },
});

module.exports = { slimDynamodb };
