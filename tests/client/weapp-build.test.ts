import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClient, CLIENT_DIR } from '../../scripts/client-build';
import { PACKAGE_BUDGET_KB, packageFiles, packageSizes, WEAPP_DIR } from '../../scripts/weapp-size';

/** Every page folder in the source: a folder holding index.tsx under some pages/ directory. */
function sourcePages(dir: string, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (!e.isDirectory()) return e.name === 'index.tsx' && /(^|\/)pages\//.test(rel) ? [`${rel}/index`] : [];
    return sourcePages(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
  });
}

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  tabBar: { custom?: boolean; list: { pagePath: string; text: string }[] };
}
const appJson = (): AppJson => JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson;

/** How the weapp build writes a string literal: terser escapes every non-ASCII character as \uXXXX. */
const asBuilt = (text: string) =>
  [...text].map((c) => (c.charCodeAt(0) > 127 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');

describe('the WeChat build', () => {
  beforeAll(() => buildClient('weapp'), 240_000);

  test('app.json lists every page of the source, subpackages under their roots', () => {
    const app = appJson();
    const listed = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    expect(listed.sort()).toEqual(sourcePages(path.join(CLIENT_DIR, 'src')).sort());
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '许愿', '我的']);
    expect(app.subPackages.map((s) => s.root).sort()).toEqual(['booking', 'council', 'figures', 'staff', 'volunteer']);
  });

  test('subpackages are preloaded from a page of the main package, and only subpackages that exist', () => {
    const app = appJson();
    const rules = Object.entries(app.preloadRule ?? {});
    expect(rules.length).toBeGreaterThan(0);
    for (const [page, rule] of rules) {
      expect(app.pages).toContain(page);
      for (const root of rule.packages) expect(app.subPackages.map((s) => s.root)).toContain(root);
    }
    // Volunteers and grid workers go from the home page to their subpackage, residents to booking and 议事.
    expect(app.preloadRule?.['pages/home/index']?.packages.sort()).toEqual(['booking', 'council', 'staff', 'volunteer']);
  });

  test('the tab bar is the custom one (it follows elder mode), and its component is built', () => {
    expect(appJson().tabBar.custom).toBe(true);
    const dir = path.join(WEAPP_DIR, 'custom-tab-bar');
    for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(existsSync(path.join(dir, `index.${ext}`))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')).component).toBe(true);
    const js = readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(js).toContain('"custom-tab-bar/index"');
    expect(js).toContain('switchTab');
    // Its elder-mode rules: targets at least 60 px high, labels at least 18 px.
    const css = readFileSync(path.join(dir, 'index.wxss'), 'utf8');
    const rule = (selector: string) => new RegExp(`${selector.replace(/\./g, '\\.')}\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    expect(Number(/min-height:(\d+)px/.exec(rule('.tab-bar.elder .tab-bar-item'))?.[1])).toBeGreaterThanOrEqual(60);
    expect(Number(/font-size:(\d+)px/.exec(rule('.tab-bar.elder .tab-bar-label'))?.[1])).toBeGreaterThanOrEqual(18);
  });

  test('the main package and each subpackage stay under 1,536 KB (WeChat refuses over 2,048 KB)', () => {
    const sizes = packageSizes();
    expect(sizes.map((s) => s.name).sort()).toEqual(['booking', 'council', 'figures', 'main', 'staff', 'volunteer']);
    expect(sizes.filter((s) => s.kb > PACKAGE_BUDGET_KB)).toEqual([]);
  });

  test('code only the volunteer, staff, figures and council pages use is in their subpackages, not in the main package', () => {
    const packages = packageFiles();
    const text = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const main = text(packages.get('main')!);
    // Strings of one subpackage's page that survive the build: class names, and its words as escaped literals.
    const markers = [
      { pkg: 'volunteer', source: 'volunteer/pages/tasks/index.tsx', literal: 'claim-notice' },
      { pkg: 'volunteer', source: 'volunteer/pages/tasks/index.tsx', literal: '暂时没有待认领的心愿' },
      { pkg: 'staff', source: 'staff/pages/file/index.tsx', literal: 'resident-choice' },
      { pkg: 'staff', source: 'staff/pages/file/index.tsx', literal: '您的网格里还没有登记居民' },
      { pkg: 'figures', source: 'figures/pages/dashboard/index.tsx', literal: 'trend-segment' },
      { pkg: 'figures', source: 'figures/figure-words.ts', literal: '按期处置率' },
      { pkg: 'council', source: 'council/pages/act/index.tsx', literal: 'send-meeting' },
      { pkg: 'council', source: 'council/council-words.tsx', literal: '组织协商' },
    ];
    for (const { pkg, source, literal } of markers) {
      expect(readFileSync(path.join(CLIENT_DIR, 'src', source), 'utf8')).toContain(literal);
      expect(text(packages.get(pkg)!)).toContain(asBuilt(literal));
      expect({ literal, inMainPackage: main.includes(asBuilt(literal)) }).toEqual({ literal, inMainPackage: false });
    }
  });

  test('zod is switched to jitless before any schema loads (WeChat forbids eval and new Function)', () => {
    const app = readFileSync(path.join(CLIENT_DIR, 'src', 'app.tsx'), 'utf8');
    const firstImport = app.split('\n').find((line) => line.startsWith('import'));
    expect(firstImport).toBe("import './zod-setup';");
    expect(readFileSync(path.join(CLIENT_DIR, 'src', 'zod-setup.ts'), 'utf8')).toContain('z.config({ jitless: true })');
  });
});
