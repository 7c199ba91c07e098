// An esbuild plugin for the Lambda bundles: zod's JSON Schema conversion (core/to-json-schema.js and the processors
// of core/json-schema-processors.js, about 17 KB of every function's bundle) is replaced by stubs of the same names
// that throw when called. The functions parse and validate; none converts a schema to JSON Schema. Classic zod
// imports both into every schema class (for `.toJSONSchema()` and the standard-schema `jsonSchema`), so esbuild
// cannot drop them by itself. Kept real: `aggregateChecks` and what it needs (the head of the processors file),
// which the `.minLength`, `.maxLength`, `.format`, `.minValue`, `.maxValue` and `.isInt` getters read. The stubs take
// their names from the real files, so the module shape follows a zod upgrade; the build fails if the head can no
// longer be found, and a stubbed function says what is missing if it is ever called.
const fs = require('node:fs');
const path = require('node:path');

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

/** The processors file up to its first processor: its imports, the checks' contributors and `aggregateChecks`. */
function processorsHead(source, file) {
  const cut = source.indexOf('\nconst formatMap');
  const head = cut < 0 ? '' : source.slice(0, cut);
  if (!/export function aggregateChecks\(/.test(head)) throw new Error(`slim-zod: aggregateChecks not found where expected in ${file}`);
  return head;
}

const UNAVAILABLE =
  "function unavailable() { throw new Error('zod JSON Schema conversion is left out of the Lambda bundles (scripts/build/slim-zod.cjs)'); }";

const slimZod = () => ({
  name: 'slim-zod',
  setup(build) {
    build.onLoad({ filter: FILES }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const names = exportNames(source);
      if (names.length === 0) throw new Error(`slim-zod: no exports found in ${args.path}`);
      const head = args.path.includes('json-schema-processors') ? processorsHead(source, args.path) : '';
      const kept = new Set(exportNames(head));
      // The create…Method factories run when a schema is built: they return the thrower instead of throwing.
      const lines = names
        .filter((n) => !kept.has(n))
        .map((n) => (/^create\w*Method$/.test(n) ? `export const ${n} = () => unavailable;` : `export const ${n} = unavailable;`));
      return { contents: [head, UNAVAILABLE, ...lines].join('\n'), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
});

module.exports = { slimZod, exportNames };
