import { Button } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { session } from '../api/session';

/** The way to the inbox, with the number of unread messages, fetched each time the page shows. */
export function InboxEntry() {
  const [unread, setUnread] = useState(0);
  useDidShow(() => {
    if (session.token())
      api.unreadCount().then(
        (r) => setUnread(r.unread),
        () => undefined,
      );
  });
  return (
    <Button className="btn block inbox-entry" onClick={() => Taro.navigateTo({ url: '/pages/inbox/index' })}>
      {unread > 0 ? `消息(${unread}条未读)` : '消息'}
    </Button>
  );
}
