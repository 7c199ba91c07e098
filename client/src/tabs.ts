/** The tab bar's pages, in order: app.config.ts declares them and the custom tab bar draws them. */
export const TABS = [
  { pagePath: 'pages/home/index', text: '首页' },
  { pagePath: 'pages/post/index', text: '许愿' },
  { pagePath: 'pages/mine/index', text: '我的' },
] as const;

export type TabPath = (typeof TABS)[number]['pagePath'];

/** `/pages/home/index?x=1` → `pages/home/index` if that is a tab page. */
export function tabOf(route: string): TabPath | null {
  const path = route.replace(/^\//, '').split('?')[0];
  return TABS.find((t) => t.pagePath === path)?.pagePath ?? null;
}
