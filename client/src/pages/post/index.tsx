import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { session } from '../../api/session';
import { PageShell } from '../../components/page-shell';
import { WishForm } from '../../components/wish-form';

/** 许愿: a resident posts a micro-wish; their own building is preselected. */
export default function Post() {
  const user = session.user();
  return (
    <PageShell>
      <View className="title">许个心愿</View>
      <View className="muted">您的心愿会交给能帮忙的志愿者或社区</View>
      <WishForm
        defaultBuildingId={user?.home?.buildingId ?? ''}
        onCreated={(d) => Taro.navigateTo({ url: `/pages/wish/index?id=${d.wish.id}&created=1` })}
        onJoined={(d) => Taro.navigateTo({ url: `/pages/wish/index?id=${d.wish.id}&joined=1` })}
      />
    </PageShell>
  );
}
