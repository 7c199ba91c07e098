import { Button, Checkbox, Label, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Team } from '@shared/schemas/teams';
import type { AnyActionBody, UserAction, WallConsent, WishAction, WishDetail } from '@shared/schemas/wishes';
import { api } from '../api/endpoints';
import { ApiError } from '../api/request';
import { session } from '../api/session';
import { ACTION_LABEL, WALL_LABEL } from './labels';
import { LoadError } from './page-shell';

interface Props {
  detail: WishDetail;
  onDone: (next: WishDetail, message: string) => void;
  /** The action lost a race (someone else claimed first, or the wish moved on). */
  onLost: (message: string) => void;
}

const NEEDS_TEXT: WishAction[] = ['dispute', 'reject', 'close'];

/** The buttons for exactly the actions the server's state machine allows this viewer now. */
export function WishActions({ detail, onDone, onLost }: Props) {
  const { wish, allowedActions: allowed } = detail;
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamsError, setTeamsError] = useState('');
  const [teamId, setTeamId] = useState('');
  const [wall, setWall] = useState<WallConsent>('hidden');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const forResident = wish.ownerId !== session.user()?.id;

  const loadTeams = () => {
    setTeamsError('');
    api.teams().then((p) => setTeams(p.items), (e) => setTeamsError(e instanceof ApiError ? e.message : '队伍加载失败'));
  };
  useEffect(() => {
    if (allowed.includes('route')) loadTeams();
  }, [allowed.join()]);

  if (allowed.length === 0) return null;

  const run = async (action: UserAction) => {
    if (busy) return;
    const reason = text.trim();
    const needReason = reason.length >= 2 ? { reason } : '请写下原因';
    const bodies: Record<UserAction, AnyActionBody | string> = {
      route: teamId ? { teamId } : '请先选择一支队伍',
      claim: {},
      start: {},
      release: reason ? { reason } : {},
      complete: reason ? { note: reason } : {},
      confirm: rating ? { rating, wall, ...(reason ? { comment: reason } : {}), ...(forResident && consent ? { consent: true } : {}) } : '请先选择评分',
      dispute: reason.length >= 2 ? { reason, ...(forResident && consent ? { consent: true } : {}) } : '请写下还有什么问题',
      reject: reason.length >= 2 ? { reason } : '请写下原因',
      close: needReason,
      send_back: needReason,
      escalate: needReason,
      send_down: needReason,
      resolve: reason.length >= 2 ? { note: reason } : '请写下怎么解决的',
      extend_lease: {},
      extend_deadline: reason.length >= 2 ? { workingDays: 5, reason } : '请写下延期原因',
      merge: '请在待分派列表里选择要合并的心愿',
    };
    const body = bodies[action];
    if (typeof body === 'string') return setError(body);
    if (forResident && (action === 'confirm' || action === 'dispute') && !consent) return setError('请先确认居民已同意');
    setBusy(true);
    setError('');
    try {
      const next = await api.act(wish.id, action, body as never);
      setText('');
      onDone(next, `已${ACTION_LABEL[action]}`);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (err?.code === 'ALREADY_CLAIMED' || err?.code === 'INVALID_TRANSITION') onLost(err.message);
      else setError(err?.message ?? '操作没有成功,请再试一次');
    } finally {
      setBusy(false);
    }
  };

  // `disabled={false}` would reach Taro's H5 button as the attribute disabled="false", which its styles take
  // for disabled (faded, white text on white): leave the attribute out unless busy.
  const button = (action: UserAction, primary = false) =>
    allowed.includes(action) && (
      <Button key={action} className={`btn block action-${action} ${primary ? 'primary' : ''}`} disabled={busy || undefined} onClick={() => run(action)}>
        {ACTION_LABEL[action]}
      </Button>
    );

  return (
    <View className='card wish-actions'>
      {allowed.includes('confirm') && (
        <View>
          <View className='section'>给这次服务打个分</View>
          <View className='wrap'>
            {[1, 2, 3, 4, 5].map((n) => (
              <Button key={n} className={`btn rating-${n} ${rating === n ? 'selected' : ''}`} onClick={() => setRating(n)}>{n}星</Button>
            ))}
          </View>
          <View className='section'>在社区心愿墙上公示吗?</View>
          <View className='muted'>公示时姓名会隐去(如“王**”),不显示门牌和电话。</View>
          {(['hidden', 'summary', 'full'] as const).map((option) => (
            <View key={option} className={`choice wall-${option} ${wall === option ? 'selected' : ''}`} onClick={() => setWall(option)}>
              {WALL_LABEL[option]}
            </View>
          ))}
        </View>
      )}
      {allowed.includes('route') && (
        <View>
          <View className='section'>派给哪支队伍?</View>
          {teamsError && <LoadError message={teamsError} onRetry={loadTeams} />}
          {teams.map((t) => (
            <View key={t.id} className={`choice team-choice ${teamId === t.id ? 'selected' : ''}`} onClick={() => setTeamId(t.id)}>
              {t.name}({t.members.length}人)
            </View>
          ))}
        </View>
      )}
      {(allowed.some((a) => NEEDS_TEXT.includes(a)) || allowed.includes('confirm') || allowed.includes('complete')) && (
        <Textarea
          className='textarea action-text'
          value={text}
          maxlength={500}
          placeholder={allowed.includes('complete') ? '做了什么(选填)' : allowed.includes('confirm') ? '说几句评价,或写下还有什么问题' : '写下原因'}
          onInput={(e) => setText(e.detail.value)}
        />
      )}
      {forResident && (allowed.includes('confirm') || allowed.includes('dispute')) && (
        <Label className='row check-row text act-consent'>
          <Checkbox value='consent' checked={consent} onClick={() => setConsent(!consent)} />
          居民已当面同意由我代为操作
        </Label>
      )}
      {error && <View className='error'>{error}</View>}
      {button('confirm', true)}
      {button('dispute')}
      {button('claim', true)}
      {button('start', true)}
      {button('complete', true)}
      {button('release')}
      {button('route', true)}
      {button('reject')}
      {button('close')}
    </View>
  );
}
