import { useEffect, useState } from 'react';
import { TABS, tabOf, type TabPath } from '../tabs';

// WeChat gives every tab page its own instance of the custom tab bar: one shared selection keeps them in step.
let selected: TabPath = TABS[0].pagePath;
const listeners = new Set<(tab: TabPath) => void>();

/** Called as a page shows (PageShell does it): a tab page becomes the highlighted tab. */
export function showingPage(route: string): void {
  const tab = tabOf(route);
  if (!tab || tab === selected) return;
  selected = tab;
  for (const listener of listeners) listener(tab);
}

/** The tab of the page on screen, re-rendering when it changes. */
export function useSelectedTab(): TabPath {
  const [tab, setTab] = useState(selected);
  useEffect(() => {
    listeners.add(setTab);
    setTab(selected);
    return () => void listeners.delete(setTab);
  }, []);
  return tab;
}
