import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate } from '@shared/domain/beijing-time';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';

/** 我的积分: the balance and the ledger's entries (GET /credits/me), newest first; a reversal shows its reason. */
export default function Credits() {
  const [balance, setBalance] = useState<number | null>(null);
  const list = usePagedList(async (cursor) => {
    const page = await api.myCredits(cursor);
    if (!cursor) setBalance(page.balance);
    return page;
  });

  return (
    <PageShell>
      <View className="title">我的积分</View>
      {balance !== null && (
        <View className="card row credit-summary">
          <Text className="text">当前积分</Text>
          <Text className="card-title credit-balance">{balance}</Text>
        </View>
      )}
      <View className="muted">每完成一个心愿并经居民确认,按类别记分;记录不会被修改,撤销会另记一条。</View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="还没有积分记录"
        onRetry={list.reload}
      />
      {list.items.map((e) => (
        <View key={e.id} className="card credit-entry" data-entry-id={e.id}>
          <View className="row">
            <Text className="text">{e.note}</Text>
            <Text className={`tag credit-points${e.points < 0 ? ' unverified' : ' status-confirmed'}`}>
              {e.points > 0 ? `+${e.points}` : e.points}
            </Text>
          </View>
          <View className="muted">
            {beijingDate(Date.parse(e.at))}
            {e.by ? ` · ${e.by.name}` : ''}
          </View>
          <Button className="btn block open-wish" onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${e.wishId}` })}>
            查看心愿
          </Button>
        </View>
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
