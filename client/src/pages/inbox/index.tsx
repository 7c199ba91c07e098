import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Notification } from '@shared/schemas/notifications';
import { api } from '../../api/endpoints';
import { formatTime } from '../../components/labels';
import { ListState, LoadMore, PageShell } from '../../components/page-shell';
import { usePagedList } from '../../components/use-paged-list';
import { useRowAction } from '../../components/use-row-action';

/** 消息: what happened to the user's wishes, tasks and bookings, newest first; tapping one opens it. */
export default function Inbox() {
  const list = usePagedList(api.notifications);
  const [read, setRead] = useState<Record<string, boolean>>({});
  const rows = useRowAction();

  const open = async (n: Notification) => {
    setRead((r) => ({ ...r, [n.id]: true }));
    if (!n.readAt) api.readNotification(n.id).catch(() => undefined);
    if (n.link) await Taro.navigateTo({ url: n.link });
  };
  const readAll = () =>
    rows.run(
      'all',
      async () => {
        await api.readAllNotifications();
        setRead(Object.fromEntries(list.items.map((n) => [n.id, true])));
      },
      { failed: '操作没有成功' },
    );

  return (
    <PageShell>
      <View className="title">消息</View>
      {list.items.some((n) => !n.readAt && !read[n.id]) && (
        <Button className="btn block read-all" onClick={readAll}>
          全部标为已读
        </Button>
      )}
      {rows.error && <View className="error">{rows.error}</View>}
      <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText="还没有消息" onRetry={list.reload} />
      {list.items.map((n) => {
        const unread = !n.readAt && !read[n.id];
        return (
          <View key={n.id} className={`card notification ${unread ? 'unread' : ''}`} data-kind={n.kind} onClick={() => void open(n)}>
            <View className="card-title">
              {unread ? '● ' : ''}
              {n.title}
            </View>
            <View className="text">{n.body}</View>
            <View className="muted">
              {formatTime(n.at)}
              {n.push?.state === 'sent' ? ' · 已发微信通知' : n.push?.state === 'recorded' ? ' · 微信通知(本地环境只记录)' : ''}
            </View>
          </View>
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}
