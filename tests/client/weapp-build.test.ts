import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClient, CLIENT_DIR } from '../../scripts/client-build';
import { PACKAGE_BUDGET_KB, packageSizes, WEAPP_DIR } from '../../scripts/weapp-size';

/** Every page folder in the source: a folder holding index.tsx under some pages/ directory. */
function sourcePages(dir: string, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (!e.isDirectory()) return e.name === 'index.tsx' && /(^|\/)pages\//.test(rel) ? [`${rel}/index`] : [];
    return sourcePages(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
  });
}

describe('the WeChat build', () => {
  beforeAll(() => buildClient('weapp'), 240_000);

  test('app.json lists every page of the source, subpackages under their roots', () => {
    const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
      tabBar: { list: { pagePath: string; text: string }[] };
    };
    const listed = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    expect(listed.sort()).toEqual(sourcePages(path.join(CLIENT_DIR, 'src')).sort());
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '许愿', '我的']);
    expect(app.subPackages.map((s) => s.root).sort()).toEqual(['staff', 'volunteer']);
  });

  test('the main package and each subpackage stay under 1,536 KB (WeChat refuses over 2,048 KB)', () => {
    const sizes = packageSizes();
    expect(sizes.map((s) => s.name).sort()).toEqual(['main', 'staff', 'volunteer']);
    expect(sizes.filter((s) => s.kb > PACKAGE_BUDGET_KB)).toEqual([]);
    // Volunteer and staff code stays out of the main package.
    const main = readFileSync(path.join(WEAPP_DIR, 'app.js'), 'utf8') + readFileSync(path.join(WEAPP_DIR, 'common.js'), 'utf8');
    expect(main).not.toContain('代居民提交心愿</');
    expect(main).not.toMatch(/暂时没有待认领的心愿/);
  });

  test('zod is switched to jitless before any schema loads (WeChat forbids eval and new Function)', () => {
    const app = readFileSync(path.join(CLIENT_DIR, 'src', 'app.tsx'), 'utf8');
    const firstImport = app.split('\n').find((line) => line.startsWith('import'));
    expect(firstImport).toBe("import './zod-setup';");
    expect(readFileSync(path.join(CLIENT_DIR, 'src', 'zod-setup.ts'), 'utf8')).toContain('z.config({ jitless: true })');
  });
});
