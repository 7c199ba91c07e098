import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { WishCard } from '../../../components/wish-card';

/** What no team took yet in the grid worker's grids or the staff member's community, oldest first. */
export default function Triage() {
  const list = usePagedList((cursor) => api.triage({ stage: 'submitted' }, cursor));
  return (
    <PageShell>
      <Button className='btn primary block' onClick={() => Taro.navigateTo({ url: '/staff/pages/file/index' })}>代居民提交心愿</Button>
      <Button className='btn block residents' onClick={() => Taro.navigateTo({ url: '/staff/pages/residents/index' })}>居民核实</Button>
      <View className='section'>待分派(最早的在前)</View>
      <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText='没有待分派的心愿' onRetry={list.reload} />
      {list.items.map((w) => (
        <WishCard key={w.id} wish={w} />
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
