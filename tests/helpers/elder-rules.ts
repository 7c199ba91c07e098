import type { Page } from 'playwright-core';

export interface ElderReport {
  checkedText: number;
  checkedTargets: number;
  violations: string[];
}

/**
 * Measures, in the browser, what MIIT's 2021 《移动互联网应用(APP)适老化通用设计规范》 asks of an elder mode:
 * visible text at least 18 px with line height at least 1.3; contrast at least 4.5:1 (3:1 for large text,
 * ≥ 24 px or bold ≥ 18.66 px, per WCAG's definition the rule borrows); tap targets (buttons, rows, tabs)
 * at least 60 × 60 px. Backgrounds are resolved up the tree; text over an image would need a human look.
 */
export function measureElderRules(page: Page): Promise<ElderReport> {
  return page.evaluate(() => {
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = '1'] = m[1].split(/[,\s/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const luminance = ([r, g, b]: number[]) => {
      const ch = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      // Taro's H5 router keeps earlier pages in the document, off screen: only what is on screen counts.
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    };
    const violations: string[] = [];
    const label = (el: Element) => `${el.className || el.tagName}: "${(el.textContent ?? '').trim().slice(0, 12)}"`;

    // Text: every element that directly holds visible text, in the page and the tab bar.
    const scope = [...document.querySelectorAll('.page, .weui-tabbar')];
    const holders = new Set<Element>();
    for (const root of scope) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if ((n.textContent ?? '').trim() && n.parentElement && visible(n.parentElement)) holders.add(n.parentElement);
      }
    }
    for (const el of holders) {
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      const lineHeight = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
      if (size < 18) violations.push(`${label(el)} font ${size}px < 18px`);
      if (lineHeight / size < 1.3 - 1e-6) violations.push(`${label(el)} line height ${(lineHeight / size).toFixed(2)} < 1.3`);
      const fg = parse(s.color);
      const [l1, l2] = [luminance(fg), luminance(background(el))].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) violations.push(`${label(el)} contrast ${ratio.toFixed(2)} < ${large ? 3 : 4.5}`);
    }

    // Tap targets: buttons, choice rows, tabs.
    const targets = [...document.querySelectorAll('.page .btn, .page .choice, .weui-tabbar__item')].filter(visible);
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width < 60 - 0.5 || r.height < 60 - 0.5) violations.push(`${label(el)} target ${Math.round(r.width)}×${Math.round(r.height)} < 60×60`);
    }
    return { checkedText: holders.size, checkedTargets: targets.length, violations };
  });
}
