import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { BookingView } from '@shared/schemas/bookings';
import { api } from '../../../api/endpoints';
import { hasRole, session } from '../../../api/session';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { BookingCard } from '../../booking-card';

/**
 * 我的预约: a resident's bookings, those still to come first. A grid worker or staff member sees the bookings
 * they made for residents (代约记录), and can cancel or answer an offer for them.
 */
export default function MyBookings() {
  const { params } = useRouter();
  const user = session.user();
  const books = hasRole(user, 'gridWorker') || hasRole(user, 'staff');
  const made = books && (params.scope === 'made' || !hasRole(user, 'resident'));
  const list = usePagedList((cursor) => api.bookings(made ? 'made' : 'mine', cursor));
  const [changed, setChanged] = useState<Record<string, BookingView>>({});
  useDidShow(() => setChanged({}));

  return (
    <PageShell>
      <View className="title">{made ? '代约记录' : '我的预约'}</View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={made ? '还没有替居民预约过' : '还没有预约,去看看社区有哪些服务吧'}
        onRetry={list.reload}
      />
      {!list.loading && !list.error && list.items.length === 0 && !made && (
        <Button className="btn primary block" onClick={() => Taro.navigateTo({ url: '/booking/pages/services/index' })}>
          去预约
        </Button>
      )}
      {list.items.map((listed) => {
        const b = changed[listed.id] ?? listed;
        return (
          <BookingCard key={b.id} booking={b} forResident={made} onChanged={(next) => setChanged((c) => ({ ...c, [next.id]: next }))} />
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}
