import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api/endpoints';
import { ApiError } from '../../../api/request';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { WishCard } from '../../../components/wish-card';

type Tab = 'open' | 'mine';

/** The inbox of a volunteer's teams (claim right here) and the tasks they have claimed. */
export default function Tasks() {
  const [tab, setTab] = useState<Tab>('open');
  const [notice, setNotice] = useState('');
  const list = usePagedList((cursor) => api.tasks(tab, cursor), tab);

  const switchTo = (next: Tab) => {
    setTab(next);
    setNotice('');
  };

  const claim = async (id: string) => {
    setNotice('');
    try {
      await api.act(id, 'claim', {});
      await Taro.navigateTo({ url: `/pages/wish/index?id=${id}` });
    } catch (e) {
      // Most often someone else was quicker: say so, and show the list as it is now.
      setNotice(e instanceof ApiError ? e.message : '认领没有成功');
      void list.reload();
    }
  };

  return (
    <PageShell>
      <View className='tabs'>
        <Button className={`btn tab-open ${tab === 'open' ? 'selected' : ''}`} onClick={() => switchTo('open')}>待认领</Button>
        <Button className={`btn tab-mine ${tab === 'mine' ? 'selected' : ''}`} onClick={() => switchTo('mine')}>我的任务</Button>
      </View>
      {notice && <View className='notice claim-notice'>{notice}</View>}
      <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText={tab === 'open' ? '暂时没有待认领的心愿' : '还没有认领任务'} onRetry={list.reload} />
      {list.items.map((w) => (
        <WishCard
          key={w.id}
          wish={w}
          action={
            tab === 'open' && (
              <Button className='btn primary block claim' onClick={(e) => { e.stopPropagation(); void claim(w.id); }}>认领</Button>
            )
          }
        />
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
