import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { WishDetail } from '@shared/schemas/wishes';
import { api } from '../../api/endpoints';
import { errorText } from '../../api/request';
import { session } from '../../api/session';
import { ACTOR_LABEL, ACTION_LABEL, formatTime, STATUS_LABEL } from '../../components/labels';
import { LoadError, PageShell } from '../../components/page-shell';
import { WishActions } from '../../components/wish-actions';
import { WishClock } from '../../components/wish-clock';

/** A wish, where it stands against its clocks, who did what and when, and what this viewer may do next. */
export default function WishPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<WishDetail | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState(params.created ? '心愿已提交,我们会尽快安排' : params.joined ? '已加入,您会看到它的进展' : '');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      setDetail(await api.wish(id));
      setError('');
    } catch (e) {
      setError(errorText(e, '加载失败'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  /** A tap with its own button (extend the lease, say "me too"): the answer replaces the wish shown. */
  const tap = async (act: () => Promise<WishDetail>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setDetail(await act());
      setNotice(done);
      setError('');
    } catch (e) {
      setError(errorText(e, '操作没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  if (!detail)
    return (
      <PageShell>{error ? <LoadError message={error} onRetry={() => void load()} /> : <View className="empty">正在加载…</View>}</PageShell>
    );
  const { wish, timeline } = detail;
  const resident = wish.ownerId === session.user()?.id;
  return (
    <PageShell>
      {notice && <View className="success">{notice}</View>}
      <View className="row">
        <View className="title">{wish.kind === 'callback' ? '请回电' : wish.categoryName}</View>
        <View className={`tag status-${wish.status} wish-status`}>{STATUS_LABEL[wish.status]}</View>
      </View>
      <View className="card">
        <View className="text wish-description">{wish.description}</View>
        <View className="muted">
          地点:{wish.buildingName}
          {wish.flat ? ` ${wish.flat}` : ''}
        </View>
        <View className="muted">
          居民:{wish.ownerName}
          {wish.contactPhone ? ` ${wish.contactPhone}` : ''}
          {wish.ownerVerified ? '' : '(身份待核实)'}
        </View>
        {wish.filedBy && <View className="muted">由网格员{wish.filedBy.name}代为提交(居民已同意)</View>}
        {wish.teamName && <View className="muted">服务队伍:{wish.teamName}</View>}
        {wish.claimantName && <View className="muted">志愿者:{wish.claimantName}</View>}
        {wish.rating && (
          <View className="muted">
            评分:{'★'.repeat(wish.rating)}
            {wish.comment ? ` ${wish.comment}` : ''}
          </View>
        )}
      </View>
      <WishClock
        wish={wish}
        showNote={!resident}
        canExtendLease={detail.allowedActions.includes('extend_lease')}
        onExtendLease={() => void tap(() => api.act(wish.id, 'extend_lease', {}), '已延长开始时限')}
      />
      {detail.maySupport && (
        <Button
          className="btn block primary support"
          disabled={busy || undefined}
          onClick={() => void tap(() => api.support(wish.id), '已加入,您会看到它的进展')}
        >
          我也遇到了
        </Button>
      )}
      {detail.supporting && <View className="notice">您也遇到了这个问题,这里可以看到它的进展</View>}
      {error && <View className="error">{error}</View>}
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
      <View className="section">进展</View>
      <View className="timeline">
        {timeline.map((e) => (
          <View key={e.seq} className="timeline-item">
            <View className="text">
              {ACTION_LABEL[e.action]} · {e.actorName}({e.onBehalf ? '代居民' : ACTOR_LABEL[e.actorRole]})
            </View>
            {e.note && <View className="muted">{e.note}</View>}
            <View className="muted">{formatTime(e.at)}</View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
