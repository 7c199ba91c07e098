// An esbuild plugin for the Lambda bundles: it tells esbuild that building a zod schema has no side effects, so
// a function carries, and builds at module load, only the schemas its route can reach.
//
// esbuild keeps every top-level call it cannot prove pure, and `export const X = z.object({...})` is a call: a
// function that imports one schema from shared/schemas/council.ts used to construct all of that file's schemas
// (and those of every schema file it imports) on each cold start. This plugin wraps such initialisers as
// `/* @__PURE__ */ (() => (…))()`, which evaluates the same expression at the same moment when the constant is
// used and lets esbuild drop it when it is not. It changes no source file and nothing when a schema is used.
//
// What it wraps (found with the TypeScript parser, not by pattern):
// - in shared/schemas/*.ts, every top-level `const` whose initialiser is a call or `new`: those modules only
//   declare schemas and pure helpers (tests/unit/pure-schemas.test.ts keeps that true);
// - elsewhere in shared/ and functions/, a top-level `const` whose initialiser is a call chain rooted at the
//   zod namespace (`z.object(…).strict()`) or at a schema imported from shared/schemas (`User.extend(…)`).
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const SCHEMAS_DIR = `${path.sep}shared${path.sep}schemas${path.sep}`;

/** The identifier a call chain starts from: `z.string().min(1)` → `z`; `page(X)` → `page`. */
function rootOf(node) {
  let n = node;
  for (;;) {
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isPropertyAccessExpression(n)) n = n.expression;
    else if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n))
      n = n.expression;
    else return ts.isIdentifier(n) ? n.text : undefined;
  }
}

const unwrap = (n) => (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) ? unwrap(n.expression) : n);

/** Names bound by `import … from '…/schemas/…'` and `import * as z from 'zod'`. */
function schemaImports(source) {
  const names = new Set();
  for (const s of source.statements) {
    if (!ts.isImportDeclaration(s) || !s.importClause || s.importClause.isTypeOnly) continue;
    const from = s.moduleSpecifier.text;
    const isZod = from === 'zod' || from.startsWith('zod/');
    if (!isZod && !/(^|\/)schemas\//.test(from)) continue;
    const b = s.importClause.namedBindings;
    if (b && ts.isNamespaceImport(b)) names.add(b.name.text);
    if (b && ts.isNamedImports(b)) for (const e of b.elements) if (!e.isTypeOnly) names.add(e.name.text);
  }
  return names;
}

/** The source with pure-wrapped schema initialisers, or undefined when there is nothing to wrap. */
function markPure(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const wholeFile = file.includes(SCHEMAS_DIR);
  const roots = schemaImports(source);
  const edits = [];
  for (const s of source.statements) {
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of s.declarationList.declarations) {
      if (!d.initializer || !ts.isIdentifier(d.name)) continue;
      const init = unwrap(d.initializer);
      if (!ts.isCallExpression(init) && !ts.isNewExpression(init)) continue;
      if (!wholeFile && !roots.has(rootOf(init))) continue;
      roots.add(d.name.text);
      edits.push([d.initializer.getStart(source), d.initializer.end]);
    }
  }
  if (edits.length === 0) return undefined;
  let out = text;
  for (const [start, end] of edits.reverse())
    out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
  return out;
}

const pureSchemas = (root) => ({
  name: 'pure-schemas',
  setup(build) {
    const inProject = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(shared|functions)/.*\\.ts$`);
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!inProject.test(args.path)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      const marked = markPure(args.path, text);
      return marked === undefined ? undefined : { contents: marked, loader: 'ts' };
    });
  },
});

module.exports = { pureSchemas, markPure };
