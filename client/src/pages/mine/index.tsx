import { Button, Switch, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { Wish } from '@shared/schemas/wishes';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/request';
import { hasRole, session } from '../../api/session';
import { useElderMode } from '../../components/elder-mode';
import { ROLE_LABEL } from '../../components/labels';
import { ListState, PageShell } from '../../components/page-shell';
import { WishCard } from '../../components/wish-card';

/** 我的: all my wishes, the elder-mode switch, the role entries, sign-out. */
export default function Mine() {
  const [wishes, setWishes] = useState<Wish[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [elder, setElder] = useElderMode();
  const user = session.user();

  const load = async (more = false) => {
    if (!hasRole(session.user(), 'resident')) return setLoading(false);
    setError('');
    try {
      const page = await api.myWishes(more ? (cursor ?? undefined) : undefined);
      setWishes(more ? [...wishes, ...page.items] : page.items);
      setCursor(page.cursor);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    } finally {
      setLoading(false);
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const signOut = () => {
    session.clear();
    void Taro.reLaunch({ url: '/pages/login/index' });
  };

  return (
    <PageShell>
      <View className='title'>{user?.name}</View>
      <View className='muted'>{user?.roles.map((r) => ROLE_LABEL[r]).join('、')}</View>
      <View className='card row elder-switch'>
        <View className='text'>长辈版(大字模式)</View>
        <Switch checked={elder} color='#9f2f24' onChange={(e) => setElder(e.detail.value)} />
      </View>
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
          <ListState loading={loading} error={error} empty={wishes.length === 0} emptyText='还没有提交过心愿' />
          {wishes.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          {cursor && <Button className='btn block' onClick={() => load(true)}>加载更多</Button>}
        </View>
      )}
      <Button className='btn block' onClick={signOut}>退出登录</Button>
    </PageShell>
  );
}
