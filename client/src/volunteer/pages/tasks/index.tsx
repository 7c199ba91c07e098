import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isAwaitingClaim, isAwaitingStart } from '@shared/domain/wish-machine';
import type { Wish } from '@shared/schemas/wishes';
import { api } from '../../../api/endpoints';
import { session } from '../../../api/session';
import { timeLeft } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useNow } from '../../../components/use-now';
import { useRowAction } from '../../../components/use-row-action';
import { WishCard } from '../../../components/wish-card';

type Tab = 'open' | 'mine';

/**
 * The inbox of a volunteer's teams (claim right here) and the tasks they have claimed. A claim not started
 * yet is a lease: its countdown shows on the card, with the one extension while it is still to be had.
 */
export default function Tasks() {
  const [tab, setTab] = useState<Tab>('open');
  const list = usePagedList((cursor) => api.tasks(tab, cursor), tab);
  // Wishes changed here (a lease extended) replace the listed ones until the list has newer ones.
  const rows = useRowAction<Wish>();
  const now = useNow();
  const me = session.user()?.id;

  const extendLease = (id: string) =>
    rows.run(id, async () => (await api.act(id, 'extend_lease', {})).wish, {
      failed: '延长没有成功,请再试一次',
      done: '已延长开始时限',
      onError: () => void list.reload(),
    });

  /** The lease of a claim of mine not started yet: time left, and the extension if it is still unused. */
  const lease = (w: Wish) =>
    isAwaitingStart(w.status) && w.claimantId === me && w.leaseUntil ? (
      <View className="lease" onClick={(e) => e.stopPropagation()}>
        <View className={`text lease-countdown ${timeLeft(w.leaseUntil, now) === '已过期' ? 'expired' : ''}`}>
          {timeLeft(w.leaseUntil, now) === '已过期' ? '开始时限已到,任务将退回队伍' : `请在${timeLeft(w.leaseUntil, now)}内开始处理`}
        </View>
        {!w.leaseExtended && (
          <Button className="btn block extend-lease" disabled={rows.busy === w.id || undefined} onClick={() => void extendLease(w.id)}>
            需要更多时间(可延长一次)
          </Button>
        )}
      </View>
    ) : null;

  const switchTo = (next: Tab) => {
    setTab(next);
    rows.reset();
  };

  const claim = (id: string) =>
    rows.run(
      id,
      async () => {
        await api.act(id, 'claim', {});
        await Taro.navigateTo({ url: `/pages/wish/index?id=${id}` });
      },
      // Most often someone else was quicker: say so, and show the list as it is now.
      { failed: '认领没有成功', onError: () => void list.reload() },
    );

  return (
    <PageShell>
      <View className="tabs">
        <Button className={`btn tab-open ${tab === 'open' ? 'selected' : ''}`} onClick={() => switchTo('open')}>
          待认领
        </Button>
        <Button className={`btn tab-mine ${tab === 'mine' ? 'selected' : ''}`} onClick={() => switchTo('mine')}>
          我的任务
        </Button>
      </View>
      {rows.message && <View className="notice claim-notice">{rows.message.text}</View>}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={tab === 'open' ? '暂时没有待认领的心愿' : '还没有认领任务'}
        onRetry={list.reload}
      />
      {list.items.map((listed) => {
        const w = rows.shown(listed.id, listed);
        return (
          <WishCard
            key={w.id}
            wish={w}
            action={
              tab === 'open' && isAwaitingClaim(w.status) ? (
                <Button
                  className="btn primary block claim"
                  onClick={(e) => {
                    e.stopPropagation();
                    void claim(w.id);
                  }}
                >
                  认领
                </Button>
              ) : (
                lease(w)
              )
            }
          />
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}
