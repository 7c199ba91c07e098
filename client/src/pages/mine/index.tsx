import { Button, Label, Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/endpoints';
import { hasRole, session } from '../../api/session';
import { useElderMode } from '../../components/elder-mode';
import { ROLE_LABEL } from '../../components/labels';
import { InboxEntry } from '../../components/inbox-entry';
import { ListState, LoadMore, PageShell } from '../../components/page-shell';
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
      {hasRole(user, 'resident') && (
        <View className='card profile'>
          <View className='text'>{user?.home ? `住址已登记${user.verified ? ',网格员已核实' : ',等待网格员核实'}` : '还没有登记住址'}</View>
          <Button className='btn block edit-profile' onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>修改我的信息</Button>
        </View>
      )}
      {/* The whole row is the switch's label: one tap anywhere on it switches, a 60 px target in elder mode. */}
      <Label className='card row check-row elder-switch'>
        <View className='text'>长辈版(大字模式)</View>
        <Switch checked={elder} color='#9f2f24' onChange={(e) => setElder(e.detail.value)} />
      </Label>
      <InboxEntry />
      {hasRole(user, 'volunteer') && <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/volunteer/pages/tasks/index' })}>志愿者任务</Button>}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <View>
          <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/staff/pages/triage/index' })}>待分派的心愿</Button>
          <Button className='btn block file-on-behalf' onClick={() => Taro.navigateTo({ url: '/staff/pages/file/index' })}>代居民提交心愿</Button>
          <Button className='btn block residents' onClick={() => Taro.navigateTo({ url: '/staff/pages/residents/index' })}>居民核实</Button>
        </View>
      )}
      {hasRole(user, 'resident') && (
        <View className='my-wishes'>
          <View className='section'>我的全部心愿</View>
          <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText='还没有提交过心愿' onRetry={list.reload} />
          {list.items.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          <LoadMore list={list} />
        </View>
      )}
      <Button className='btn block' onClick={signOut}>退出登录</Button>
    </PageShell>
  );
}
