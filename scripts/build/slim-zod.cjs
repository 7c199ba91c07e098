// An esbuild plugin for the Lambda bundles: zod's JSON Schema conversion (core/to-json-schema.js and
// core/json-schema-processors.js, about 17 KB of every function's 250–450 KB) is replaced by stubs of the same names
// that throw when called. The functions parse and validate; none converts a schema to JSON Schema. Classic zod
// imports both into every schema class (for `.toJSONSchema()`, the standard-schema `jsonSchema` and the `.minLength`
// style getters), so esbuild cannot drop them by itself. The stubs export exactly the names the real files export,
// so a zod upgrade that adds or renames one fails the build instead of a function; a call says what is missing.
const fs = require('node:fs');

const FILES = /[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/;

/** The names an ES module file exports: `export function|const|let|class X` and `export { a as b }`. */
function exportNames(source) {
  const names = [...source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)/gm)].map((m) => m[1]);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm))
    for (const spec of m[1].split(',')) {
      const name = spec
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
  return [...new Set(names)];
}

const UNAVAILABLE =
  "function unavailable() { throw new Error('zod JSON Schema conversion is left out of the Lambda bundles (scripts/build/slim-zod.cjs)'); }";

const slimZod = () => ({
  name: 'slim-zod',
  setup(build) {
    build.onLoad({ filter: FILES }, (args) => {
      const names = exportNames(fs.readFileSync(args.path, 'utf8'));
      if (names.length === 0) throw new Error(`slim-zod: no exports found in ${args.path}`);
      // The create…Method factories run when a schema is built: they return the thrower instead of throwing.
      const lines = names.map((n) =>
        /^create\w*Method$/.test(n) ? `export const ${n} = () => unavailable;` : `export const ${n} = unavailable;`,
      );
      return { contents: [UNAVAILABLE, ...lines].join('\n'), loader: 'js' };
    });
  },
});

module.exports = { slimZod, exportNames };
