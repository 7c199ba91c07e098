import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { functionsFromServerlessYml, routesFromServerlessYml } from '../../scripts/serverless-routes';

const ROOT = path.resolve(__dirname, '../..');

/** `POST /wishes/{id}/claim` → `post-wishes-id-claim`: the file a reader guesses from the route. */
const fileFor = (method: string, route: string) =>
  `${method.toLowerCase()}-${route
    .slice(1)
    .split('/')
    .map((s) => s.replace(/[{}]/g, ''))
    .join('-')}`;

const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist' ? [path.join(dir, e.name), ...folders(path.join(dir, e.name))] : [],
  );

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

describe('the house by capability', () => {
  test('every route lives at functions/<capability>/routes/<method>-<path>.ts', () => {
    const misplaced = routesFromServerlessYml().flatMap((r) => {
      const expected = new RegExp(`^functions/[a-z-]+/routes/${fileFor(r.method, r.path)}\\.handler$`);
      return expected.test(r.handler) ? [] : [`${r.method} ${r.path} → ${r.handler}`];
    });
    expect(misplaced).toEqual([]);
  });

  test('every function serverless.yml deploys is an entry point in a routes/ folder', () => {
    const stray = functionsFromServerlessYml().filter((f) => !/^functions\/[a-z-]+\/routes\/[a-zA-Z0-9-]+\.handler$/.test(f.handler));
    expect(stray).toEqual([]);
  });

  test('every route is documented in docs/api.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    const missing = routesFromServerlessYml()
      .filter((r) => !doc.includes(`\`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  test('no folder of the project holds more than 25 files', () => {
    const crowded = ['functions', 'shared', 'client/src', 'tests', 'scripts']
      .flatMap((top) => [path.join(ROOT, top), ...folders(path.join(ROOT, top))])
      .map((dir) => ({ dir: path.relative(ROOT, dir), files: readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).length }))
      .filter((d) => d.files > 25);
    expect(crowded).toEqual([]);
  });

  test('optimistic writes retry through one helper: no hand-written retry loop in functions/', () => {
    const loops = sources(path.join(ROOT, 'functions'))
      .filter((f) =>
        /for \(let (attempt|i) = 0;[^)]*\) \{[\s\S]{0,400}?(jitter|isConflict|ConditionalCheckFailed)/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => path.relative(ROOT, f));
    expect(loops).toEqual([]);
  });
});
