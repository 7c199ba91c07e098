import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { useElderMode } from './elder-mode';
import { showingPage } from './tab-bar-state';

/** Every page's root: the elder-mode class switches all sizes through CSS variables. */
export function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  // The mini-program's custom tab bar highlights the tab page on screen.
  useDidShow(() => showingPage(Taro.getCurrentInstance().router?.path ?? ''));
  return <View className={elder ? 'page elder' : 'page'}>{children}</View>;
}

/** Loading, error and empty states, the same on every list. */
export function ListState({ loading, error, empty, emptyText }: { loading: boolean; error: string; empty: boolean; emptyText: string }) {
  if (loading) return <View className='empty'>正在加载…</View>;
  if (error) return <View className='error'>{error}</View>;
  if (empty) return <View className='empty'>{emptyText}</View>;
  return null;
}
