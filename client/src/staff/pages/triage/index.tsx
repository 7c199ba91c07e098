import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { Wish } from '@shared/schemas/wishes';
import { api } from '../../../api/endpoints';
import { ApiError } from '../../../api/request';
import { ListState, PageShell } from '../../../components/page-shell';
import { WishCard } from '../../../components/wish-card';

/** What no team took yet in the grid worker's grids or the staff member's community, oldest first. */
export default function Triage() {
  const [items, setItems] = useState<Wish[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');

  const load = async (more = false) => {
    setError('');
    try {
      const page = await api.triage(more ? (cursor ?? undefined) : undefined);
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.cursor);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    } finally {
      setLoading(false);
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return (
    <PageShell>
      <Button className='btn primary block' onClick={() => Taro.navigateTo({ url: '/staff/pages/file/index' })}>代居民提交心愿</Button>
      <View className='section'>待分派(最早的在前)</View>
      <ListState loading={loading} error={error} empty={items.length === 0} emptyText='没有待分派的心愿' />
      {items.map((w) => (
        <WishCard key={w.id} wish={w} />
      ))}
      {cursor && <Button className='btn block' onClick={() => load(true)}>加载更多</Button>}
    </PageShell>
  );
}
