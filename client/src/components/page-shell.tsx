import { Button, View } from '@tarojs/components';
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

/** Loading, error (with a retry) and empty states, the same on every list. */
export function ListState({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
}: {
  loading: boolean;
  error: string;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
}) {
  if (loading) return <View className="empty">正在加载…</View>;
  if (error) return <LoadError message={error} onRetry={onRetry} />;
  if (empty) return <View className="empty">{emptyText}</View>;
  return null;
}

/** A failed load says what went wrong and offers to try again. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="load-error">
      <View className="error">{message}</View>
      <Button className="btn block retry" onClick={onRetry}>
        重新加载
      </Button>
    </View>
  );
}

/** "Load more" for a paged list: shown while there is more, inert while a page is on its way. */
export function LoadMore({ list }: { list: { cursor: string | null; loadingMore: boolean; loadMore: () => Promise<void> } }) {
  if (!list.cursor) return null;
  return (
    <Button className="btn block load-more" disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
      {list.loadingMore ? '正在加载…' : '加载更多'}
    </Button>
  );
}
