import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { isAwaitingConfirmation, isOpen } from '@shared/domain/wish-machine';
import { api } from '../../api/endpoints';
import { hasRole, session } from '../../api/session';
import { elderChoice, useElderMode } from '../../components/elder-mode';
import { InboxEntry } from '../../components/inbox-entry';
import { ListState, LoadError, PageShell } from '../../components/page-shell';
import { needsProfile } from '../../components/onboarding';
import { NO_ITEMS, usePagedList } from '../../components/use-paged-list';
import { WishCard } from '../../components/wish-card';

/** 首页: what needs the resident's action first (confirm a done wish), then their open wishes. */
export default function Home() {
  const [askElder, setAskElder] = useState(elderChoice() === null);
  const [, setElder] = useElderMode();
  const user = session.user();
  useDidShow(() => {
    if (!session.token()) void Taro.reLaunch({ url: '/pages/login/index' });
    else if (needsProfile(session.user())) void Taro.redirectTo({ url: '/pages/onboard/index' });
  });
  const mine = usePagedList((cursor) => (hasRole(session.user(), 'resident') ? api.myWishes(cursor) : NO_ITEMS));
  const wall = usePagedList(() => api.wall());
  const wishes = mine.items;

  const chooseElder = (on: boolean) => {
    setElder(on);
    setAskElder(false);
  };
  const toConfirm = wishes.filter((w) => isAwaitingConfirmation(w.status));
  const open = wishes.filter((w) => isOpen(w.status) && !isAwaitingConfirmation(w.status));

  return (
    <PageShell>
      <View className='title'>您好,{user?.name ?? ''}</View>
      {askElder && (
        <View className='notice elder-offer'>
          <View>字太小看不清?可以打开“长辈版”,字更大、按钮更大。以后也可以在“我的”里切换。</View>
          <View className='row' style={{ marginTop: '8px' }}>
            <Button className='btn primary' onClick={() => chooseElder(true)}>打开长辈版</Button>
            <Button className='btn' onClick={() => chooseElder(false)}>不用了</Button>
          </View>
        </View>
      )}
      <InboxEntry />
      {hasRole(user, 'volunteer') && (
        <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/volunteer/pages/tasks/index' })}>志愿者任务</Button>
      )}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <Button className='btn block' onClick={() => Taro.navigateTo({ url: '/staff/pages/triage/index' })}>待分派的心愿</Button>
      )}
      {hasRole(user, 'resident') && (
        <View>
          {toConfirm.length > 0 && <View className='section'>需要您确认</View>}
          {toConfirm.map((w) => (
            <WishCard key={w.id} wish={w} action={<View className='notice'>志愿者已完成,请确认并评价</View>} />
          ))}
          <View className='section'>我的心愿</View>
          <ListState loading={mine.loading} error={mine.error} empty={open.length === 0} emptyText='暂时没有进行中的心愿' onRetry={mine.reload} />
          {open.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          <Button className='btn primary block' onClick={() => Taro.switchTab({ url: '/pages/post/index' })}>我要许愿</Button>
        </View>
      )}
      {wall.items.length > 0 && <View className='section'>社区最近圆梦的心愿</View>}
      {wall.error && <LoadError message={wall.error} onRetry={wall.reload} />}
      {wall.items.slice(0, 5).map((w) => (
        <View key={w.id} className='card wall-item'>
          <View className='card-title'>{w.categoryName} · {w.buildingName} {w.ownerName}</View>
          {w.description && <View className='text'>{w.description}</View>}
          <View className='muted'>{w.teamName ?? ''}{w.claimantName ? ` ${w.claimantName}` : ''} 帮忙完成{w.rating ? ` · ${'★'.repeat(w.rating)}` : ''}</View>
          {w.comment && <View className='muted'>“{w.comment}”</View>}
        </View>
      ))}
    </PageShell>
  );
}
