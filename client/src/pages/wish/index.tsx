import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { WishDetail } from '@shared/schemas/wishes';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/request';
import { ACTOR_LABEL, ACTION_LABEL, formatTime, STATUS_LABEL } from '../../components/labels';
import { PageShell } from '../../components/page-shell';
import { WishActions } from '../../components/wish-actions';

/** A wish, who did what and when, and the actions the shared state machine allows this viewer. */
export default function WishPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<WishDetail | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState(params.created ? '心愿已提交,我们会尽快安排' : '');

  const load = async () => {
    try {
      setDetail(await api.wish(id));
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  if (!detail) return <PageShell>{error ? <View className='error'>{error}</View> : <View className='empty'>正在加载…</View>}</PageShell>;
  const { wish, timeline } = detail;
  return (
    <PageShell>
      {notice && <View className='success'>{notice}</View>}
      <View className='row'>
        <View className='title'>{wish.categoryName}</View>
        <View className={`tag status-${wish.status} wish-status`}>{STATUS_LABEL[wish.status]}</View>
      </View>
      <View className='card'>
        <View className='text wish-description'>{wish.description}</View>
        <View className='muted'>地点:{wish.buildingName}{wish.flat ? ` ${wish.flat}` : ''}</View>
        <View className='muted'>居民:{wish.ownerName}{wish.contactPhone ? ` ${wish.contactPhone}` : ''}</View>
        {wish.filedBy && <View className='muted'>由网格员{wish.filedBy.name}代为提交(居民已同意)</View>}
        {wish.teamName && <View className='muted'>服务队伍:{wish.teamName}</View>}
        {wish.claimantName && <View className='muted'>志愿者:{wish.claimantName}</View>}
        {wish.rating && <View className='muted'>评分:{'★'.repeat(wish.rating)}{wish.comment ? ` ${wish.comment}` : ''}</View>}
      </View>
      {error && <View className='error'>{error}</View>}
      <WishActions
        detail={detail}
        onDone={(next, message) => {
          setDetail(next);
          setNotice(message);
        }}
        onLost={(message) => {
          setError(message);
          void load();
        }}
      />
      <View className='section'>进展</View>
      <View className='timeline'>
        {timeline.map((e) => (
          <View key={e.seq} className='timeline-item'>
            <View className='text'>{ACTION_LABEL[e.action]} · {e.actorName}({e.onBehalf ? '代居民' : ACTOR_LABEL[e.actorRole]})</View>
            {e.note && <View className='muted'>{e.note}</View>}
            <View className='muted'>{formatTime(e.at)}</View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
