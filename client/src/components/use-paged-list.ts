import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Page } from '@shared/schemas/common';
import { ApiError } from '../api/request';

/** For a list the signed-in user has no part in (a volunteer has no wishes of their own). */
export const NO_ITEMS: Promise<Page<never>> = Promise.resolve({ items: [], cursor: null });

/**
 * A list page's data: loaded whenever the page shows, on pull-to-refresh, and again when `key` changes
 * (a tab switch); `loadMore` follows the cursor. Loading and error states for ListState.
 */
export function usePagedList<T>(fetch: (cursor?: string) => Promise<Page<T>>, key = '') {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const latest = useRef(fetch);
  latest.current = fetch;

  const load = async (after?: string) => {
    setError('');
    if (!after) setLoading(true);
    try {
      const page = await latest.current(after);
      setItems((previous) => (after ? [...previous, ...page.items] : page.items));
      setCursor(page.cursor);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败,请下拉重试');
    } finally {
      setLoading(false);
      Taro.stopPullDownRefresh();
    }
  };

  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void load();
    mounted.current = true;
  }, [key]);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return { items, cursor, loading, error, reload: () => load(), loadMore: () => (cursor ? load(cursor) : Promise.resolve()) };
}
