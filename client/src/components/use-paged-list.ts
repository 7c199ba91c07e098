import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Page } from '@shared/schemas/common';
import { errorText } from '../api/request';

/** For a list the signed-in user has no part in (a volunteer has no wishes of their own). */
export const NO_ITEMS: Promise<Page<never>> = Promise.resolve({ items: [], cursor: null });

/**
 * A list page's data: loaded whenever the page shows, on pull-to-refresh, and again when `key` changes
 * (a tab switch, a filter); `loadMore` follows the cursor. One request per list is in flight at a time: a
 * second "load more" is ignored, a reload asked for meanwhile runs after it, and an answer for a view the
 * user has left (another tab or filter, a newer reload, a hidden page) is dropped.
 */
export function usePagedList<T>(fetch: (cursor?: string) => Promise<Page<T>>, key = '') {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState('');
  const latest = useRef(fetch);
  latest.current = fetch;
  // Every reload starts a new generation; answers of an older one are stale and dropped.
  const generation = useRef(0);
  const moreInFlight = useRef(false);

  // One request in flight per list: a reload asked for while one runs (a filter changed, the page showed
  // again) waits for it, drops its answer, and then asks once more for what is wanted now.
  const reloading = useRef(false);
  const reloadAgain = useRef(false);

  const reload = async () => {
    if (reloading.current) {
      reloadAgain.current = true;
      generation.current++;
      setLoading(true);
      return;
    }
    reloading.current = true;
    try {
      do {
        reloadAgain.current = false;
        const mine = ++generation.current;
        setError('');
        setLoading(true);
        try {
          const page = await latest.current();
          if (mine !== generation.current) continue;
          setItems(page.items);
          setCursor(page.cursor);
        } catch (e) {
          if (mine === generation.current) setError(errorText(e, '加载失败,请重试'));
        } finally {
          if (mine === generation.current) setLoading(false);
        }
      } while (reloadAgain.current);
    } finally {
      reloading.current = false;
      moreInFlight.current = false;
      setLoadingMore(false);
      Taro.stopPullDownRefresh();
    }
  };

  const loadMore = async () => {
    if (!cursor || moreInFlight.current || reloading.current) return;
    moreInFlight.current = true;
    setLoadingMore(true);
    const mine = generation.current;
    try {
      const page = await latest.current(cursor);
      if (mine !== generation.current) return;
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.cursor);
    } catch (e) {
      if (mine === generation.current) setError(errorText(e, '加载失败,请重试'));
    } finally {
      if (mine === generation.current) {
        moreInFlight.current = false;
        setLoadingMore(false);
      }
    }
  };

  const mounted = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key alone says when the list is another list
  useEffect(() => {
    if (mounted.current) void reload();
    mounted.current = true;
  }, [key]);
  useDidShow(() => void reload());
  // A page the user has left must not be updated by a late answer.
  useDidHide(() => {
    generation.current++;
  });
  usePullDownRefresh(() => void reload());

  return { items, cursor, loading, loadingMore, error, reload, loadMore };
}
