import path from 'node:path';
import { createElement, type ReactElement, type ReactNode } from 'react';

/**
 * The mini-program's custom tab bar (client/src/custom-tab-bar), rendered with React outside WeChat: Taro's
 * View as a div, Taro's storage and switchTab as fakes. What a person sees: the tab of the page on screen
 * highlighted, a tap on another tab switching to it, and the elder-mode class that grows it.
 */
const storage = new Map<string, unknown>();
const switchTab = jest.fn((_: { url: string }) => Promise.resolve());
const taps = new Map<string, () => void>();

jest.doMock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, v: unknown) => storage.set(key, v),
    switchTab,
  },
  useDidShow: () => undefined,
}));
jest.doMock('@tarojs/components', () => ({
  View: ({
    className,
    children,
    onClick,
    ...rest
  }: {
    className?: string;
    children?: ReactNode;
    onClick?: () => void;
    'data-path'?: string;
  }) => {
    if (rest['data-path'] && onClick) taps.set(rest['data-path'], onClick);
    return createElement('div', { className, 'data-path': rest['data-path'] }, children);
  },
}));
jest.doMock(path.resolve(__dirname, '../../client/src/custom-tab-bar/index.css'), () => ({}));

/* eslint-disable @typescript-eslint/no-require-imports */
const { renderToStaticMarkup } = require('react-dom/server') as { renderToStaticMarkup: (element: ReactElement) => string };
const { default: CustomTabBar } = require('../../client/src/custom-tab-bar/index') as { default: () => ReactNode };
const { showingPage } = require('../../client/src/components/tab-bar-state') as { showingPage: (route: string) => void };

const render = () => {
  taps.clear();
  return renderToStaticMarkup(createElement(CustomTabBar));
};
const items = (html: string) =>
  [...html.matchAll(/<div class="(tab-bar-item[^"]*)" data-path="([^"]+)"><div class="tab-bar-label">([^<]+)</g)].map((m) => ({
    path: m[2],
    text: m[3],
    selected: m[1].includes('selected'),
  }));

describe('the mini-program tab bar', () => {
  beforeEach(() => {
    storage.clear();
    switchTab.mockClear();
  });

  test('shows the tabs app.config.ts declares, in order', () => {
    const globals = globalThis as { defineAppConfig?: (c: unknown) => unknown };
    globals.defineAppConfig = (c) => c;
    const config = (require('../../client/src/app.config') as { default: { tabBar: { list: { pagePath: string; text: string }[] } } })
      .default;
    expect(items(render()).map(({ path: p, text }) => ({ pagePath: p, text }))).toEqual(config.tabBar.list);
  });

  test('highlights the tab of the page on screen, and only that one', () => {
    showingPage('/pages/post/index');
    expect(
      items(render())
        .filter((i) => i.selected)
        .map((i) => i.text),
    ).toEqual(['许愿']);
    showingPage('/pages/mine/index?from=home');
    expect(
      items(render())
        .filter((i) => i.selected)
        .map((i) => i.text),
    ).toEqual(['我的']);
    // A page that is not a tab (a wish's detail) leaves the highlight where it was.
    showingPage('/pages/wish/index?id=w-1');
    expect(
      items(render())
        .filter((i) => i.selected)
        .map((i) => i.text),
    ).toEqual(['我的']);
  });

  test('a tap on another tab switches to it; a tap on the current one does nothing', () => {
    showingPage('/pages/home/index');
    render();
    taps.get('pages/post/index')!();
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/post/index' });
    switchTab.mockClear();
    taps.get('pages/home/index')!();
    expect(switchTab).not.toHaveBeenCalled();
  });

  test('takes the elder-mode class when elder mode is on (its styles grow targets to 64 px, labels to 20 px)', () => {
    expect(render()).toMatch(/^<div class="tab-bar">/);
    storage.set('linli.elderMode', 'on');
    expect(render()).toMatch(/^<div class="tab-bar elder">/);
  });
});
