import type { Page } from 'playwright-core';

export interface ElderReport {
  checkedText: number;
  checkedTargets: number;
  /** How many targets of each kind were measured: button, choice, tab, switch, checkbox, radio, input, textarea, picker. */
  targetsByKind: Record<string, number>;
  violations: string[];
}

/**
 * Measures, in the browser, what MIIT's 2021 《移动互联网应用(APP)适老化通用设计规范》 asks of an elder mode:
 * visible text at least 18 px with line height at least 1.3; contrast at least 4.5:1 (3:1 for large text,
 * ≥ 24 px or bold ≥ 18.66 px, per WCAG's definition the rule borrows), with colours as drawn (alpha and
 * opacity let the background through); tap targets (buttons, rows, tabs)
 * at least 60 × 60 px. Backgrounds are resolved up the tree; text over an image would need a human look.
 *
 * Targets are every control a person taps: buttons, choice rows, tab bar items, and the form controls
 * (switches, checkboxes, radios, inputs, textareas, pickers), as Taro's H5 components or native elements.
 * A switch, checkbox or radio inside a label is tapped through its label, so the label is its target.
 * Text typed into an input or textarea is text too: its size and line height are checked.
 * Everything of the page on screen is measured, below the fold too; earlier pages, which Taro's H5 router
 * keeps in the document with display: none, are not.
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
    const opacity = (el: Element | null): number => {
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const over = (top: number[], alpha: number, under: number[]) => [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha));
    // The colour behind an element as a person sees it: the first ancestor with a background, faded by its opacity over white.
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return over(c, c[3] * opacity(e), [255, 255, 255]);
      }
      return [255, 255, 255];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      // Taro's H5 router keeps earlier pages in the document, hidden: only the page on screen counts, all of it.
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && r.right > 0 && r.left < innerWidth;
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
      // Text as it is drawn: its colour's alpha and every ancestor's opacity let the background through.
      const bg = background(el);
      const color = parse(s.color);
      const fg = over(color, color[3] * opacity(el), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) violations.push(`${label(el)} contrast ${ratio.toFixed(2)} < ${large ? 3 : 4.5}`);
    }

    // Tap targets. Taro's H5 components are custom elements around a native control: the element a person
    // taps is the component, so a native control inside one is measured as that component.
    const KINDS: [string, string][] = [
      ['button', '.btn, taro-button-core, button, [role=button]'],
      ['choice', '.choice'],
      ['tab', '.weui-tabbar__item, .tab-bar-item, [role=tab]'],
      ['switch', 'taro-switch-core, [role=switch]'],
      ['checkbox', 'taro-checkbox-core, input[type=checkbox], [role=checkbox]'],
      ['radio', 'taro-radio-core, input[type=radio], [role=radio]'],
      ['input', 'taro-input-core, input:not([type=checkbox]):not([type=radio]):not([type=hidden])'],
      ['textarea', 'taro-textarea-core, textarea'],
      ['picker', 'taro-picker-core, select'],
    ];
    const scopeOf = (el: Element) => !!el.closest('.page, .weui-tabbar');
    const isHost = (el: Element) => /^TARO-(BUTTON|SWITCH|CHECKBOX|RADIO|INPUT|TEXTAREA|PICKER)-CORE$/.test(el.tagName);
    const hostOf = (el: Element): Element => {
      for (let e = el.parentElement; e; e = e.parentElement) if (isHost(e)) return e;
      return el;
    };
    const targets = new Map<Element, string>();
    for (const [kind, selector] of KINDS) {
      for (const found of document.querySelectorAll(selector)) {
        if (!scopeOf(found)) continue;
        let el = isHost(found) || found.tagName.startsWith('TARO-') ? found : hostOf(found);
        // Switches, checkboxes and radios are tapped through their label when they have one.
        if (kind === 'switch' || kind === 'checkbox' || kind === 'radio') el = el.closest('taro-label-core') ?? el.closest('label') ?? el;
        if (!visible(el) || targets.has(el)) continue;
        targets.set(el, kind);
      }
    }
    const targetsByKind: Record<string, number> = {};
    for (const [el, kind] of targets) {
      targetsByKind[kind] = (targetsByKind[kind] ?? 0) + 1;
      const r = el.getBoundingClientRect();
      if (r.width < 60 - 0.5 || r.height < 60 - 0.5)
        violations.push(`${kind} ${label(el)} target ${Math.round(r.width)}×${Math.round(r.height)} < 60×60`);
    }

    // Text typed into a field.
    for (const field of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea')) {
      if (!scopeOf(field) || !visible(field)) continue;
      const s = getComputedStyle(field);
      const size = parseFloat(s.fontSize);
      const lineHeight = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
      if (size < 18) violations.push(`${label(hostOf(field))} typed text ${size.toFixed(1)}px < 18px`);
      if (lineHeight / size < 1.3 - 1e-6)
        violations.push(`${label(hostOf(field))} typed text line height ${(lineHeight / size).toFixed(2)} < 1.3`);
    }
    return { checkedText: holders.size, checkedTargets: targets.size, targetsByKind, violations };
  });
}
