import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Wish } from '@shared/schemas/wishes';
import { LEVEL_NAME } from '@shared/domain/levels';
import { ago, SLA_LABEL, STATUS_LABEL } from './labels';

/** One wish in a list, with the level it is at and how its clock stands; tapping it opens the detail page. */
export function WishCard({ wish, action }: { wish: Wish; action?: React.ReactNode }) {
  return (
    <View className="card wish-card" data-wish-id={wish.id} onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${wish.id}` })}>
      <View className="row">
        <Text className="card-title">{wish.kind === 'callback' ? '请回电' : wish.categoryName}</Text>
        <View className="wrap">
          {wish.urgency === 'urgent' && <Text className="tag urgent">紧急</Text>}
          {!wish.ownerVerified && <Text className="tag unverified">居民待核实</Text>}
          <Text className={`tag status-${wish.status}`}>{STATUS_LABEL[wish.status]}</Text>
        </View>
      </View>
      {(wish.level !== 'grid' || wish.sla !== 'ok' || wish.supporters > 0) && (
        <View className="wrap card-clock">
          {wish.level !== 'grid' && <Text className="tag urgent card-level">已上报{LEVEL_NAME[wish.level]}</Text>}
          {wish.sla !== 'ok' && <Text className={`tag card-sla sla-${wish.sla}`}>{SLA_LABEL[wish.sla]}</Text>}
          {wish.supporters > 0 && <Text className="tag card-supporters">{wish.supporters}位邻居也遇到</Text>}
        </View>
      )}
      <View className="text">{wish.description}</View>
      <View className="muted">
        {wish.buildingName}
        {wish.flat ? ` ${wish.flat}` : ''} · {ago(wish.createdAt)}
      </View>
      {action}
    </View>
  );
}
