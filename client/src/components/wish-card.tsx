import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Wish } from '@shared/schemas/wishes';
import { ago, STATUS_LABEL } from './labels';

/** One wish in a list; tapping it opens the detail page. */
export function WishCard({ wish, action }: { wish: Wish; action?: React.ReactNode }) {
  return (
    <View className='card wish-card' data-wish-id={wish.id} onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${wish.id}` })}>
      <View className='row'>
        <Text className='card-title'>{wish.categoryName}</Text>
        <View className='wrap'>
          {wish.urgency === 'urgent' && <Text className='tag urgent'>紧急</Text>}
          {!wish.ownerVerified && <Text className='tag unverified'>居民待核实</Text>}
          <Text className={`tag status-${wish.status}`}>{STATUS_LABEL[wish.status]}</Text>
        </View>
      </View>
      <View className='text'>{wish.description}</View>
      <View className='muted'>
        {wish.buildingName}
        {wish.flat ? ` ${wish.flat}` : ''} · {ago(wish.createdAt)}
      </View>
      {action}
    </View>
  );
}
