import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const { markPure } = require('../../scripts/build/pure-schemas.cjs') as { markPure: (file: string, text: string) => string | undefined };
const { bundleSource } = require('../../scripts/build/bundle.cjs') as {
  bundleSource: (contents: string, outfile: string, options?: { asFunctions?: boolean }) => Promise<{ bytes: number }>;
};

const ROOT = path.resolve(__dirname, '../..');
const SCHEMAS = path.join(ROOT, 'shared/schemas');

/** Builds a snippet the way the functions are built and returns the bundle's text. */
async function bundled(contents: string): Promise<string> {
  const outfile = path.join(require('node:os').tmpdir(), `linli-pure-${process.pid}-${Math.random().toString(36).slice(2)}.js`);
  await bundleSource(contents, outfile, { asFunctions: true });
  const text = readFileSync(outfile, 'utf8');
  require('node:fs').rmSync(outfile, { force: true });
  return text;
}

describe('a function builds only the schemas its route can reach', () => {
  // The Lambda bundler marks schema initialisers in shared/schemas side-effect free (scripts/build/pure-schemas.cjs).
  // That holds only while those modules declare and do nothing else at load.
  test('shared/schemas modules only import, declare and export at their top level', () => {
    const doing: string[] = [];
    for (const name of readdirSync(SCHEMAS).filter((f) => f.endsWith('.ts'))) {
      const file = path.join(SCHEMAS, name);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      for (const s of source.statements) {
        const declares =
          ts.isImportDeclaration(s) ||
          ts.isExportDeclaration(s) ||
          ts.isTypeAliasDeclaration(s) ||
          ts.isInterfaceDeclaration(s) ||
          ts.isFunctionDeclaration(s) ||
          (ts.isVariableStatement(s) && (s.declarationList.flags & ts.NodeFlags.Const) !== 0);
        if (!declares) doing.push(`${name}:${source.getLineAndCharacterOfPosition(s.getStart()).line + 1}: ${s.getText().slice(0, 60)}`);
      }
    }
    expect(doing).toEqual([]);
  });

  test('importing one schema does not carry (or build at load) its neighbours in the same module', async () => {
    // common.ts's Id carries the message below; Health, in the same module, does not use Id.
    const js = await bundled("import { Health } from './shared/schemas/common';\nexport const h = Health;\n");
    const carries = (text: string) => text.includes('must be letters, digits');
    expect(js.includes('stage')).toBe(true);
    expect(carries(js)).toBe(false);
    const withId = await bundled("import { Id } from './shared/schemas/common';\nexport const i = Id;\n");
    expect(carries(withId)).toBe(true);
  });

  test('schemas built from an imported schema in functions/ are marked too, other top-level calls are not', () => {
    const src = [
      "import * as z from 'zod';",
      "import { User } from '../../shared/schemas/users';",
      'const Item = User.extend({ PK: z.string() });',
      'const Plain = z.object({ a: z.string() });',
      'const started = Date.now();',
      'export const go = () => [Item, Plain, started];',
    ].join('\n');
    const out = markPure(path.join(ROOT, 'functions/data/example.ts'), src) ?? '';
    expect(out).toContain('const Item = /* @__PURE__ */ (() => (User.extend({ PK: z.string() })))();');
    expect(out).toContain('const Plain = /* @__PURE__ */ (() => (z.object({ a: z.string() })))();');
    expect(out).toContain('const started = Date.now();');
  });
});
