import path from 'node:path';
import { ELDER_PAGES } from '../e2e/elder-pages';

/** The pages app.config.ts declares, main package and subpackages, as app.json will list them. */
function declaredPages(): string[] {
  const globals = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  globals.defineAppConfig = (config) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (
    require(path.resolve(__dirname, '../../client/src/app.config')) as {
      default: { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    }
  ).default;
  return [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

describe('elder-mode coverage', () => {
  test('every page the app declares has an entry in the elder-mode browser check', () => {
    const pages = declaredPages();
    expect(pages.length).toBeGreaterThan(5);
    const covered = new Set(ELDER_PAGES.map((e) => e.page));
    expect(pages.filter((p) => !covered.has(p))).toEqual([]);
  });

  test('the check names only pages the app declares, each view once', () => {
    const pages = new Set(declaredPages());
    expect(ELDER_PAGES.filter((e) => !pages.has(e.page)).map((e) => e.page)).toEqual([]);
    const keys = ELDER_PAGES.map((e) => `${e.page} ${e.user} ${e.view}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  test('each role that signs in is checked on the pages every role has (the tabs and a wish)', () => {
    const users = [...new Set(ELDER_PAGES.map((e) => e.user).filter((u): u is string => !!u))];
    for (const page of ['pages/home/index', 'pages/post/index', 'pages/mine/index', 'pages/wish/index']) {
      expect({ page, users: users.filter((u) => ELDER_PAGES.some((e) => e.page === page && e.user === u)) }).toEqual({ page, users });
    }
  });
});
