import { Button, Checkbox, Label, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { AnyActionBody, UserAction, WallConsent, WishDetail } from '@shared/schemas/wishes';
import { api } from '../api/endpoints';
import { ApiError, errorText } from '../api/request';
import { session } from '../api/session';
import { ACTION_LABEL, WALL_LABEL } from './labels';
import { MergePicker } from './merge-picker';
import { RoutePicker, type RouteChoice } from './route-picker';
import { askToSubscribe } from './subscribe';

interface Props {
  detail: WishDetail;
  onDone: (next: WishDetail, message: string) => void;
  /** The action lost a race (someone else claimed first, or the wish moved on). */
  onLost: (message: string) => void;
}

/** Actions whose words go in the shared text box, and what the box asks for. */
const TEXT_PROMPT: Partial<Record<UserAction, string>> = {
  complete: '做了什么(选填)',
  confirm: '说几句评价,或写下还有什么问题',
  resolve: '怎么解决的,例如:已电话沟通',
  escalate: '为什么网格解决不了',
  send_back: '为什么退单',
  send_down: '为什么退回',
  extend_deadline: '为什么需要延期',
};
const DEADLINE_DAYS = [5, 7, 10];

/** The buttons for exactly the actions the server's state machine allows this viewer now. */
export function WishActions({ detail, onDone, onLost }: Props) {
  const { wish, allowedActions: allowed } = detail;
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [route, setRoute] = useState<RouteChoice | null>(null);
  const [mergeInto, setMergeInto] = useState('');
  const [days, setDays] = useState(5);
  const [wall, setWall] = useState<WallConsent>('hidden');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const forResident = wish.ownerId !== session.user()?.id;
  const shown = (action: UserAction) => allowed.includes(action) && action !== 'extend_lease';
  if (!allowed.some(shown)) return null;

  /** The body of an action, or what the person still has to fill in. */
  const bodyFor = (action: UserAction): AnyActionBody | string => {
    const words = text.trim();
    const reason = words.length >= 2 ? words : null;
    const onBehalf = forResident && consent ? { consent: true as const } : {};
    switch (action) {
      case 'route':
        if (!route) return '请先选择一支队伍';
        if (route.overriding && route.reason.trim().length < 2) return '没有派给推荐的队伍,请写下原因';
        return route.overriding ? { teamId: route.teamId, reason: route.reason.trim() } : { teamId: route.teamId };
      case 'confirm':
        return rating ? { rating, wall, ...(words ? { comment: words } : {}), ...onBehalf } : '请先选择评分';
      case 'dispute':
        return reason ? { reason, ...onBehalf } : '请写下还有什么问题';
      case 'complete':
        return words ? { note: words } : {};
      case 'release':
        return words ? { reason: words } : {};
      case 'resolve':
        return reason ? { note: reason } : '请写下怎么解决的';
      case 'extend_deadline':
        return reason ? { workingDays: days, reason } : '请写下延期的原因';
      case 'merge':
        if (!mergeInto) return '请先选择要合并到的心愿';
        return reason ? { intoId: mergeInto, reason } : '请写下合并的原因';
      case 'reject':
      case 'close':
      case 'escalate':
      case 'send_back':
      case 'send_down':
        return reason ? { reason } : '请写下原因';
      case 'claim':
        // The wish as this page showed it, sealed by the server: the claim then needs no read there.
        return detail.seen ? { seen: detail.seen } : {};
      default:
        return {};
    }
  };

  const run = async (action: UserAction) => {
    if (busy) return;
    const body = bodyFor(action);
    if (typeof body === 'string') return setError(body);
    if (forResident && (action === 'confirm' || action === 'dispute') && !consent) return setError('请先确认居民已同意');
    setBusy(true);
    setError('');
    // A volunteer who claims may later be told the claim is running out: WeChat asks, from this tap, if it may.
    if (action === 'claim' || action === 'send_back') void askToSubscribe(['action_needed']);
    try {
      // The body was built for this action above; the API checks it against the action's schema again.
      const next = await api.act(wish.id, action, body as never);
      setText('');
      onDone(next, `已${ACTION_LABEL[action]}`);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (err?.code === 'ALREADY_CLAIMED' || err?.code === 'INVALID_TRANSITION') onLost(err.message);
      else setError(errorText(e, '操作没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  // `disabled={false}` would reach Taro's H5 button as the attribute disabled="false", which its styles take
  // for disabled (faded, white text on white): leave the attribute out unless busy.
  const button = (action: UserAction, primary = false) =>
    shown(action) && (
      <Button
        key={action}
        className={`btn block action-${action} ${primary ? 'primary' : ''}`}
        disabled={busy || undefined}
        onClick={() => run(action)}
      >
        {ACTION_LABEL[action]}
      </Button>
    );
  const prompt =
    allowed.map((a) => TEXT_PROMPT[a]).find(Boolean) ??
    (allowed.some((a) => ['reject', 'close', 'dispute', 'merge'].includes(a)) ? '写下原因' : null);

  return (
    <View className="card wish-actions">
      {allowed.includes('confirm') && (
        <View>
          <View className="section">给这次服务打个分</View>
          <View className="wrap">
            {[1, 2, 3, 4, 5].map((n) => (
              <Button key={n} className={`btn rating-${n} ${rating === n ? 'selected' : ''}`} onClick={() => setRating(n)}>
                {n}星
              </Button>
            ))}
          </View>
          <View className="section">在社区心愿墙上公示吗?</View>
          <View className="muted">公示时姓名会隐去(如“王**”),不显示门牌和电话。</View>
          {(['hidden', 'summary', 'full'] as const).map((option) => (
            <View key={option} className={`choice wall-${option} ${wall === option ? 'selected' : ''}`} onClick={() => setWall(option)}>
              {WALL_LABEL[option]}
            </View>
          ))}
        </View>
      )}
      {allowed.includes('route') && <RoutePicker wishId={wish.id} value={route} onChange={setRoute} />}
      {allowed.includes('extend_deadline') && (
        <View>
          <View className="section">办结时限(提交后几个工作日)</View>
          <View className="tabs">
            {DEADLINE_DAYS.map((d) => (
              <Button key={d} className={`btn deadline-${d} ${days === d ? 'selected' : ''}`} onClick={() => setDays(d)}>
                {d}天
              </Button>
            ))}
          </View>
        </View>
      )}
      {allowed.includes('merge') && <MergePicker wish={wish} value={mergeInto} onChange={setMergeInto} />}
      {prompt && (
        <Textarea
          className="textarea action-text"
          value={text}
          maxlength={500}
          placeholder={prompt}
          onInput={(e) => setText(e.detail.value)}
        />
      )}
      {forResident && (allowed.includes('confirm') || allowed.includes('dispute')) && (
        <Label className="row check-row text act-consent">
          <Checkbox value="consent" checked={consent} onClick={() => setConsent(!consent)} />
          居民已当面同意由我代为操作
        </Label>
      )}
      {error && <View className="error">{error}</View>}
      {(['confirm', 'claim', 'start', 'complete', 'route', 'resolve'] as const).map((a) => button(a, true))}
      {(['dispute', 'release', 'send_back', 'escalate', 'send_down', 'extend_deadline', 'merge', 'reject', 'close'] as const).map((a) =>
        button(a),
      )}
    </View>
  );
}
