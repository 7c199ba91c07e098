import { Button, Label, Switch, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
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

  const go = (url: string) => void Taro.navigateTo({ url });
  // A volunteer's credit (积分): the balance of their ledger, read again whenever the page shows.
  const [credit, setCredit] = useState<number | null>(null);
  // One more try after a moment when the first read fails (a busy network): the balance has no button of its own to retry.
  const readCredit = (triesLeft: number) =>
    api.myCredits().then(
      (c) => setCredit(c.balance),
      () => (triesLeft > 0 ? void setTimeout(() => void readCredit(triesLeft - 1), 2_000) : setCredit(null)),
    );
  useDidShow(() => {
    if (hasRole(session.user(), 'volunteer')) void readCredit(1);
  });

  // The server ends the session for every phone; if it cannot be reached, this phone forgets it anyway.
  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    session.clear();
    void Taro.reLaunch({ url: '/pages/login/index' });
  };

  return (
    <PageShell>
      <View className="title">{user?.name}</View>
      <View className="muted">{user?.roles.map((r) => ROLE_LABEL[r]).join('、')}</View>
      {hasRole(user, 'resident') && (
        <View className="card profile">
          <View className="text">{user?.home ? `住址已登记${user.verified ? ',网格员已核实' : ',等待网格员核实'}` : '还没有登记住址'}</View>
          <Button className="btn block edit-profile" onClick={() => Taro.navigateTo({ url: '/pages/onboard/index' })}>
            修改我的信息
          </Button>
        </View>
      )}
      {/* The whole row is the switch's label: one tap anywhere on it switches, a 60 px target in elder mode. */}
      <Label className="card row check-row elder-switch">
        <View className="text">长辈版(大字模式)</View>
        <Switch checked={elder} color="#9f2f24" onChange={(e) => setElder(e.detail.value)} />
      </Label>
      <InboxEntry />
      {hasRole(user, 'resident') && (
        <Button className="btn block my-bookings-entry" onClick={() => go('/booking/pages/mine/index')}>
          我的预约
        </Button>
      )}
      {(hasRole(user, 'volunteer') || hasRole(user, 'staff')) && (
        <Button className="btn block roster-entry" onClick={() => go('/booking/pages/roster/index')}>
          服务签到
        </Button>
      )}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <Button className="btn block made-bookings" onClick={() => go('/booking/pages/mine/index?scope=made')}>
          代约记录
        </Button>
      )}
      {hasRole(user, 'volunteer') && (
        <View>
          <Button className="btn block my-credits" onClick={() => go('/volunteer/pages/credits/index')}>
            {/* One text node: Taro's H5 button put a number that arrived later before the words ("20我的积分"). */}
            {`我的积分${credit === null ? '' : ` ${credit}`}`}
          </Button>
          <Button className="btn block" onClick={() => go('/volunteer/pages/tasks/index')}>
            志愿者任务
          </Button>
          <Button className="btn block volunteer-profile" onClick={() => go('/volunteer/pages/profile/index')}>
            我的志愿者资料
          </Button>
          <Button className="btn block join-team" onClick={() => go('/volunteer/pages/join/index')}>
            加入队伍
          </Button>
        </View>
      )}
      {hasRole(user, 'resident') && !hasRole(user, 'volunteer') && (
        <Button className="btn block join-team" onClick={() => go('/volunteer/pages/join/index')}>
          加入志愿队伍
        </Button>
      )}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff')) && (
        <View>
          <Button className="btn block" onClick={() => go('/staff/pages/triage/index')}>
            待分派的心愿
          </Button>
          <Button className="btn block file-on-behalf" onClick={() => go('/staff/pages/file/index')}>
            代居民提交心愿
          </Button>
          <Button className="btn block residents" onClick={() => go('/staff/pages/residents/index')}>
            居民核实
          </Button>
          <Button className="btn block council-staff" onClick={() => go('/council/pages/topics/index')}>
            居民议事会
          </Button>
        </View>
      )}
      {(hasRole(user, 'gridWorker') || hasRole(user, 'staff') || hasRole(user, 'streetStaff')) && (
        <Button className="btn block figures-entry" onClick={() => go('/figures/pages/dashboard/index')}>
          数据看板
        </Button>
      )}
      {hasRole(user, 'streetStaff') && (
        <Button className="btn block street-queue" onClick={() => go('/staff/pages/triage/index')}>
          上报到街道的心愿
        </Button>
      )}
      {hasRole(user, 'staff') && (
        <View>
          <Button className="btn block manage-teams" onClick={() => go('/staff/pages/teams/index')}>
            队伍管理
          </Button>
          <Button className="btn block partners" onClick={() => go('/staff/pages/partners/index')}>
            协作社区
          </Button>
          <Button className="btn block manage-services" onClick={() => go('/booking/pages/manage/index')}>
            服务管理
          </Button>
        </View>
      )}
      {(hasRole(user, 'staff') || hasRole(user, 'streetStaff') || hasRole(user, 'admin')) && (
        <Button className="btn block skills-table" onClick={() => go('/staff/pages/skills/index')}>
          技能表
        </Button>
      )}
      {(hasRole(user, 'staff') || hasRole(user, 'streetStaff') || hasRole(user, 'admin')) && (
        <Button className="btn block work-calendar" onClick={() => go('/staff/pages/calendar/index')}>
          工作日历
        </Button>
      )}
      {hasRole(user, 'resident') && (
        <View className="my-wishes">
          <View className="section">我的全部心愿</View>
          <ListState
            loading={list.loading}
            error={list.error}
            empty={list.items.length === 0}
            emptyText="还没有提交过心愿"
            onRetry={list.reload}
          />
          {list.items.map((w) => (
            <WishCard key={w.id} wish={w} />
          ))}
          <LoadMore list={list} />
        </View>
      )}
      <Button className="btn block" onClick={() => void signOut()}>
        退出登录
      </Button>
    </PageShell>
  );
}
