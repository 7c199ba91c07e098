import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { DrawView } from '@shared/schemas/draws';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { slotWhen } from '../../booking-words';

/**
 * A ballot's published result: every ticket in drawn order with a masked name, the viewer's own ticket
 * marked, and the list's fingerprint and seed with the steps to redo the draw, so nobody has to take it on trust.
 */
export default function Draw() {
  const { params } = useRouter();
  const [draw, setDraw] = useState<DrawView | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.draw(params.service ?? '', params.slot ?? '').then(setDraw, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    if (!draw) return;
    const text = `${draw.list}\n\nSHA-256: ${draw.listHash}\nseed: ${draw.seed}`;
    Taro.setClipboardData({ data: text }).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  if (error)
    return (
      <PageShell>
        <LoadError message={error} onRetry={load} />
      </PageShell>
    );
  if (!draw)
    return (
      <PageShell>
        <View className="empty">正在加载…</View>
      </PageShell>
    );
  const mine = new Set(draw.myTickets);
  const won = draw.entries.filter((e) => mine.has(e.ticket) && e.outcome === 'won').length > 0;
  return (
    <PageShell>
      <View className="title">{draw.serviceName}</View>
      <View className="text">
        {slotWhen(draw.start)} · {draw.seats}个名额 · {draw.entries.length}人报名
      </View>
      <View className="muted">
        {formatTime(draw.closedAt)}截止报名,
        {draw.drawnAt ? `${formatTime(draw.drawnAt)}抽签` : '名单已公布,等待监督人揭示密码和公开号码后抽签'}
      </View>
      {mine.size > 0 && (
        <View className={won ? 'success my-draw' : 'notice my-draw'}>
          {won ? '恭喜,您中签了,名额已为您预约好。' : '这次没有抽中,已为您排在候补名单里,有人取消会按顺序通知。'}
        </View>
      )}
      <View className="section">抽签名单</View>
      {draw.entries.map((e) => (
        <View key={e.ticket} className={`card row draw-entry${mine.has(e.ticket) ? ' mine' : ''}`}>
          <Text className="text">
            第{e.rank}名 {e.name}
            {mine.has(e.ticket) ? '(我)' : ''}
          </Text>
          <Text className={`tag ${e.outcome === 'won' ? 'status-confirmed' : ''}`}>{e.outcome === 'won' ? '中签' : '候补'}</Text>
        </View>
      ))}
      <View className="section">怎样核对</View>
      <View className="card">
        {draw.howToCheck.map((line) => (
          <View key={line} className="text">
            {line}
          </View>
        ))}
        <View className="muted break-all">名单指纹(SHA-256):{draw.listHash}</View>
        <View className="muted break-all">抽签种子:{draw.seed}</View>
        <Button className="btn block copy-list" onClick={copy}>
          复制名单和种子,自己核对
        </Button>
        {copied && <View className="success">已复制,可以粘贴到电脑上按上面的步骤核对</View>}
      </View>
    </PageShell>
  );
}
