import { Button, Label, Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/endpoints';
import { hasRole, session } from '../../api/session';
import { useElderMode } from '../../components/elder-mode';
import { ROLE_LABEL } from '../../components/labels';
import { ListState, PageShell } from '../../components/page-shell';
import { NO_ITEMS, usePagedList } from '../../components/use-paged-list';
import { WishCard } from '../../components/wish-card';

/** 我的: all my wishes, the elder-mode switch, the role entries, sign-out. */
export default function Mine() {
  const [elder, setElder] = useElderMode();
  const user = session.user();
  const list = usePagedList((cursor) => (hasRole(session.user(), 'resident') ? api.myWishes(cursor) : NO_ITEMS));

  const signOut = () => {
    session.clear();
    void Taro.reLaunch({ url: '/pages/login/index' });
  };

  return (
    <PageShell>
      <View className='title'>{user?.name}</View>
      <View className='muted'>{user?.roles.map((r) => ROLE_LABEL[r]).join('、')}</View>
      {/* The whole row is the switch's label: one tap anywhere on it switches, a 60 px target in elder mode. */}
      <Label className='card row check-row elder-switch'>
        <View className='text'>长辈版(大字模式)</View>
        <Switch checked={elder} color='#9f2f24' onChange={(e) => setElder(e.detail.value)} />
      </Label>
      {hasRole(user, 'volunteer') && <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/volunteer/pages/tasks/index' })}>志愿者任务</Button>}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <View>
          <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/staff/pages/triage/index' })}>待分派的心愿</Button>
          <Button className='btn block file-on-behalf' onClick={() => Taro.navigateTo({ url: '/staff/pages/file/index' })}>代居民提交心愿</Button>
        </View>
      )}
      {hasRole(user, 'resident') && (
        <View className='my-wishes'>
          <View className='section'>我的全部心愿</View>
          <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText='还没有提交过心愿' />
          {list.items.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          {list.cursor && <Button className='btn block' onClick={list.loadMore}>加载更多</Button>}
        </View>
      )}
      <Button className='btn block' onClick={signOut}>退出登录</Button>
    </PageShell>
  );
}
