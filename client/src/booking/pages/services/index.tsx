import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api } from '../../../api/endpoints';
import { hasRole, session } from '../../../api/session';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { serviceUrl } from '../../booking-words';

/**
 * 服务预约: the free services of the community (理发, 义修, 助餐, rooms). A grid worker or the desk opens it
 * for one resident (`for`, `forName`): every booking made from here is that resident's, with their consent.
 */
export default function Services() {
  const { params } = useRouter();
  const forResident = params.for ? { id: params.for, name: decodeURIComponent(params.forName ?? '') } : undefined;
  const list = usePagedList(api.services);
  const user = session.user();

  return (
    <PageShell>
      <View className="title">{forResident ? `为${forResident.name}预约` : '服务预约'}</View>
      {forResident ? (
        <View className="notice assisted-for">您正在代{forResident.name}预约,预约算在居民本人名下,请先征得居民同意。</View>
      ) : (
        <View className="muted">社区的免费服务,点开服务选时间预约。名额有限,约不上可以排队候补。</View>
      )}
      {!forResident && hasRole(user, 'resident') && (
        <Button className="btn block my-bookings" onClick={() => Taro.navigateTo({ url: '/booking/pages/mine/index' })}>
          我的预约
        </Button>
      )}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="社区还没有开放预约的服务"
        onRetry={list.reload}
      />
      {list.items.map((s) => (
        <View
          key={s.id}
          className="card service-card"
          data-service-id={s.id}
          onClick={() => Taro.navigateTo({ url: serviceUrl(s.id, forResident) })}
        >
          <View className="row">
            <Text className="card-title">{s.name}</Text>
            <Text className="tag">{s.rules.allocation === 'ballot' ? '报名抽签' : '先到先得'}</Text>
          </View>
          <View className="text">{s.description}</View>
          <View className="muted">
            {s.place}
            {s.rules.eligibility.minAge ? ` · ${s.rules.eligibility.minAge}岁以上居民` : ''}
            {s.teamName ? ` · ${s.teamName}提供` : ''}
          </View>
          <Button className="btn primary block open-service">选时间</Button>
        </View>
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
