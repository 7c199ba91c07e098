import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { isAwaitingConfirmation, isOpen } from '@shared/domain/wish-machine';
import { WallPage, WishPage } from '@shared/schemas/wishes';
import { early } from '../../api/early';
import { api } from '../../api/endpoints';
import { hasRole, session } from '../../api/session';
import { elderChoice, useElderMode } from '../../components/elder-mode';
import { InboxEntry } from '../../components/inbox-entry';
import { MonthReportCard } from '../../components/month-report-card';
import { ListState, LoadError, PageShell } from '../../components/page-shell';
import { needsProfile } from '../../components/onboarding';
import { NO_ITEMS, usePagedList } from '../../components/use-paged-list';
import { WishCard } from '../../components/wish-card';

/**
 * 首页 for a signed-in user; anyone else is sent to sign-in before anything of the page is fetched (the first
 * page of the mini-program is this one, signed in or not).
 */
export default function Home() {
  const [signedIn, setSignedIn] = useState(() => !!session.token());
  useDidShow(() => {
    const token = !!session.token();
    setSignedIn(token);
    if (!token) void Taro.reLaunch({ url: '/pages/login/index' });
  });
  return signedIn ? <SignedInHome /> : <PageShell />;
}

/** What needs the resident's action first (confirm a done wish), then their open wishes, then the wall. */
function SignedInHome() {
  const [askElder, setAskElder] = useState(elderChoice() === null);
  const [, setElder] = useElderMode();
  const user = session.user();
  useDidShow(() => {
    if (needsProfile(session.user())) void Taro.redirectTo({ url: '/pages/onboard/index' });
  });
  // The first load of each list takes what index.html already asked for (a fresh visit of the browser build).
  const mine = usePagedList((cursor) =>
    hasRole(session.user(), 'resident')
      ? cursor
        ? api.myWishes(cursor)
        : early('/wishes?scope=mine', WishPage, () => api.myWishes())
      : NO_ITEMS,
  );
  const wall = usePagedList(() => early('/wall', WallPage, () => api.wall()));
  const wishes = mine.items;

  const chooseElder = (on: boolean) => {
    setElder(on);
    setAskElder(false);
  };
  const toConfirm = wishes.filter((w) => isAwaitingConfirmation(w.status));
  const open = wishes.filter((w) => isOpen(w.status) && !isAwaitingConfirmation(w.status));

  return (
    <PageShell>
      <View className="title">您好,{user?.name ?? ''}</View>
      {askElder && (
        <View className="notice elder-offer">
          <View>字太小看不清?可以打开“长辈版”,字更大、按钮更大。以后也可以在“我的”里切换。</View>
          <View className="row" style={{ marginTop: '8px' }}>
            <Button className="btn primary" onClick={() => chooseElder(true)}>
              打开长辈版
            </Button>
            <Button className="btn" onClick={() => chooseElder(false)}>
              不用了
            </Button>
          </View>
        </View>
      )}
      <InboxEntry />
      {hasRole(user, 'volunteer') && (
        <Button className="btn block" onClick={() => Taro.navigateTo({ url: '/volunteer/pages/tasks/index' })}>
          志愿者任务
        </Button>
      )}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <Button className="btn block" onClick={() => Taro.navigateTo({ url: '/staff/pages/triage/index' })}>
          待分派的心愿
        </Button>
      )}
      {hasRole(user, 'streetStaff') && (
        <Button className="btn block street-queue" onClick={() => Taro.navigateTo({ url: '/staff/pages/triage/index' })}>
          上报到街道的心愿
        </Button>
      )}
      {hasRole(user, 'resident') && (
        <View>
          {toConfirm.length > 0 && <View className="section">需要您确认</View>}
          {toConfirm.map((w) => (
            <WishCard key={w.id} wish={w} action={<View className="notice">志愿者已完成,请确认并评价</View>} />
          ))}
          <View className="section">我的心愿</View>
          <ListState
            loading={mine.loading}
            error={mine.error}
            empty={open.length === 0}
            emptyText="暂时没有进行中的心愿"
            onRetry={mine.reload}
          />
          {open.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          <Button className="btn primary block" onClick={() => Taro.switchTab({ url: '/pages/post/index' })}>
            我要许愿
          </Button>
          <Button className="btn block book-service" onClick={() => Taro.navigateTo({ url: '/booking/pages/services/index' })}>
            预约社区服务(理发、助餐、义修)
          </Button>
          <Button className="btn block council-entry" onClick={() => Taro.navigateTo({ url: '/council/pages/topics/index' })}>
            议事(居民议事会)
          </Button>
        </View>
      )}
      <MonthReportCard />
      {wall.items.length > 0 && <View className="section">社区最近圆梦的心愿</View>}
      {wall.error && <LoadError message={wall.error} onRetry={wall.reload} />}
      {wall.items.slice(0, 5).map((w) => (
        <View key={w.id} className="card wall-item">
          <View className="card-title">
            {w.categoryName} · {w.buildingName} {w.ownerName}
          </View>
          {w.description && <View className="text">{w.description}</View>}
          <View className="muted">
            {w.teamName ?? ''}
            {w.claimantName ? ` ${w.claimantName}` : ''} 帮忙完成{w.rating ? ` · ${'★'.repeat(w.rating)}` : ''}
          </View>
          {w.comment && <View className="muted">“{w.comment}”</View>}
        </View>
      ))}
    </PageShell>
  );
}
