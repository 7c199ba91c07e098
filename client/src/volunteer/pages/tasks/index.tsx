import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { Wish } from '@shared/schemas/wishes';
import { api } from '../../../api/endpoints';
import { ApiError } from '../../../api/request';
import { ListState, PageShell } from '../../../components/page-shell';
import { WishCard } from '../../../components/wish-card';

type View = 'open' | 'mine';

/** The inbox of a volunteer's teams (claim right here) and the tasks they have claimed. */
export default function Tasks() {
  const [view, setView] = useState<View>('open');
  const [items, setItems] = useState<Wish[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = async (which: View = view) => {
    setLoading(true);
    setError('');
    try {
      setItems((await api.tasks(which)).items);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    } finally {
      setLoading(false);
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const switchTo = (which: View) => {
    setView(which);
    setNotice('');
    void load(which);
  };

  const claim = async (id: string) => {
    setNotice('');
    try {
      await api.act(id, 'claim', {});
      await Taro.navigateTo({ url: `/pages/wish/index?id=${id}` });
    } catch (e) {
      setNotice(e instanceof ApiError ? e.message : '认领没有成功');
      void load();
    }
  };

  return (
    <PageShell>
      <View className='tabs'>
        <Button className={`btn tab-open ${view === 'open' ? 'selected' : ''}`} onClick={() => switchTo('open')}>待认领</Button>
        <Button className={`btn tab-mine ${view === 'mine' ? 'selected' : ''}`} onClick={() => switchTo('mine')}>我的任务</Button>
      </View>
      {notice && <View className='notice claim-notice'>{notice}</View>}
      <ListState loading={loading} error={error} empty={items.length === 0} emptyText={view === 'open' ? '暂时没有待认领的心愿' : '还没有认领任务'} />
      {items.map((w) => (
        <WishCard
          key={w.id}
          wish={w}
          action={
            view === 'open' && (
              <Button className='btn primary block claim' onClick={(e) => { e.stopPropagation(); void claim(w.id); }}>认领</Button>
            )
          }
        />
      ))}
    </PageShell>
  );
}
