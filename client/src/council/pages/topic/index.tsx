import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CouncilAction, Stance, TopicDetail } from '@shared/schemas/council';
import type { Resident } from '@shared/schemas/users';
import { councilApi } from '../../../api/council-endpoints';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { formatTime, STATUS_LABEL } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { useRowAction } from '../../../components/use-row-action';
import { actUrl, MEMBER_LABEL, OUTCOME_LABEL, printUrl, STANCE_LABEL, STEP_LABEL, StepBar, TASK_STATUS_LABEL } from '../../council-words';
import { AttendanceCard, Objections, OnBehalfPicker, PlanComments, type OnBehalf } from '../../topic-parts';
import '../../council.css';

const STAFF_MOVES: CouncilAction[] = ['confirm', 'decline', 'add_plan', 'notice', 'meeting', 'add_task', 'finish_task', 'publish'];
const OPINION_MAX = 500;
const RESIDENT_PARTS: CouncilAction[] = ['support', 'opine', 'attend', 'object'];

/**
 * One topic: where it stands of the seven steps, its opinions, plans with their comments, notice with its observers,
 * meeting record, tasks, linked wishes and objections. A resident supports it and gives an opinion while opinions are
 * collected, comments on each plan while drafting, registers to attend the noticed meeting and objects to the result
 * within its window; a grid worker or staff do each for a resident with consent; staff answer objections and go on
 * to 推进议事.
 */
export default function TopicPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<TopicDetail | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.councilTopic(id).then(setDetail, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);
  const user = session.user();

  return (
    <PageShell>
      {error && <LoadError message={error} onRetry={load} />}
      {!detail && !error && <View className="empty">正在加载…</View>}
      {detail && (
        <TopicBody
          detail={detail}
          onChanged={setDetail}
          resident={hasRole(user, 'resident')}
          official={hasRole(user, 'gridWorker') || hasRole(user, 'staff')}
        />
      )}
    </PageShell>
  );
}

function TopicBody({
  detail,
  onChanged,
  resident,
  official,
}: {
  detail: TopicDetail;
  onChanged: (d: TopicDetail) => void;
  resident: boolean;
  official: boolean;
}) {
  const { topic } = detail;
  const act = useRowAction();
  const [stance, setStance] = useState<Stance>('support');
  const [text, setText] = useState('');
  const [forResident, setForResident] = useState<Resident | null>(null);
  const [consent, setConsent] = useState(false);
  const allowed = new Set(detail.allowedActions);
  // Who a resident's action is for: oneself, or (a grid worker, staff) the resident chosen, once they agreed.
  const acting: OnBehalf | null = resident ? {} : forResident && consent ? { forResidentId: forResident.id, consent: true } : null;
  const forOther = !!acting && 'forResidentId' in acting;
  const mayObject = !!topic.result && Date.parse(topic.result.publicUntil) > Date.now();
  const ended = ['declined', 'lapsed', 'closed'].includes(topic.step);
  const plans = new Map(topic.plans.map((p) => [p.id, p]));

  const support = () =>
    act.run('support', async () => onChanged(await councilApi.support(topic.id, acting ?? {})), {
      failed: '没有支持成功,请再试一次',
      done: forOther ? '已代居民支持' : '感谢您的支持',
    });
  const sendOpinion = () => {
    const trimmed = text.trim();
    if (!trimmed) return act.say('opinion', '请先写下您的意见');
    if (trimmed.length > OPINION_MAX) return act.say('opinion', `意见最多${OPINION_MAX}字`);
    return act.run(
      'opinion',
      async () => {
        onChanged(await api.opine(topic.id, { stance, text: trimmed, ...(acting ?? {}) }));
        setText('');
      },
      { failed: '意见没有提交成功,请再试一次', done: '意见已提交,谢谢' },
    );
  };
  const said = (row: string) =>
    act.message?.row === row && <View className={act.message.ok ? 'success' : 'error'}>{act.message.text}</View>;

  return (
    <View className="topic" data-topic-id={topic.id} data-step={topic.step}>
      <View className="title">{topic.title}</View>
      <Text className="tag topic-step">{STEP_LABEL[topic.step]}</Text>
      <StepBar stepNumber={topic.stepNumber} ended={ended} />
      <View className="text">{topic.body}</View>
      <View className="muted">
        {topic.proposerName} 发起于 {formatTime(topic.createdAt)}
      </View>
      <View className="card">
        <View className="text supporters">
          {topic.supporters}人支持
          {topic.supportThreshold ? `(需要${topic.supportThreshold}人,截至${formatTime(topic.collectUntil ?? '')})` : ''}
        </View>
        {detail.supporting && <View className="success supported">您已支持这个议题</View>}
        {(forOther || !detail.supporting) && allowed.has('support') && acting && (
          <Button className="btn primary block support-topic" disabled={!!act.busy || undefined} onClick={() => void support()}>
            {forOther ? `代${forResident?.name}支持这个议题` : '支持这个议题'}
          </Button>
        )}
        {said('support')}
      </View>

      {official && !resident && RESIDENT_PARTS.some((a) => allowed.has(a)) && (
        <OnBehalfPicker resident={forResident} consent={consent} onResident={setForResident} onConsent={setConsent} />
      )}

      {topic.step === 'collecting' && allowed.has('opine') && acting && (
        <View className="card opinion-form">
          <View className="card-title">说说您的意见</View>
          <View className="chips wrap">
            {(Object.keys(STANCE_LABEL) as Stance[]).map((s) => (
              <Button key={s} className={`btn chip stance stance-${s}${stance === s ? ' selected' : ''}`} onClick={() => setStance(s)}>
                {STANCE_LABEL[s]}
              </Button>
            ))}
          </View>
          <Textarea
            className="textarea opinion-text"
            value={text}
            maxlength={OPINION_MAX}
            placeholder="写下您的想法,最多500字"
            onInput={(e) => setText(e.detail.value)}
          />
          <View className="muted">
            {text.length}/{OPINION_MAX}
          </View>
          <Button className="btn primary block send-opinion" disabled={!!act.busy || undefined} onClick={() => void sendOpinion()}>
            提交意见
          </Button>
          {said('opinion')}
        </View>
      )}

      {STAFF_MOVES.some((a) => allowed.has(a)) && (
        <Button className="btn primary block move-topic" onClick={() => Taro.navigateTo({ url: actUrl(topic.id) })}>
          推进议事(工作人员)
        </Button>
      )}

      {topic.declineReason && <View className="notice">未立项:{topic.declineReason}</View>}
      {topic.summary && (
        <View>
          <View className="section">意见汇总</View>
          <View className="text">{topic.summary}</View>
        </View>
      )}

      <View className="section">居民意见({detail.opinions.filter((o) => !o.planId).length})</View>
      {detail.opinions.every((o) => o.planId) && <View className="muted">还没有人发表意见</View>}
      {detail.opinions
        .filter((o) => !o.planId)
        .map((o) => (
          <View key={o.id} className="opinion" data-opinion-id={o.id}>
            <View className="row">
              <Text className="text">{o.name}</Text>
              <Text className={`tag stance-${o.stance}`}>{STANCE_LABEL[o.stance]}</Text>
            </View>
            <View className="text">{o.text}</View>
            <View className="muted">
              {formatTime(o.at)}
              {o.filedBy ? ` · ${o.filedBy.name}代为提交` : ''}
            </View>
          </View>
        ))}

      {topic.plans.length > 0 && <View className="section">方案</View>}
      {topic.plans.map((p, i) => (
        <View key={p.id} className="card plan" data-plan-id={p.id}>
          <View className="card-title">
            方案{i + 1}:{p.title}
            {topic.adoptedPlanId === p.id ? '(已通过)' : ''}
          </View>
          <View className="text">{p.body}</View>
          {(p.cost || p.who) && (
            <View className="muted">{[p.cost && `费用:${p.cost}`, p.who && `实施:${p.who}`].filter(Boolean).join(' · ')}</View>
          )}
          <PlanComments
            detail={detail}
            plan={p}
            onChanged={onChanged}
            canComment={topic.step === 'drafting' && allowed.has('opine') && !!acting}
            onBehalf={acting}
          />
        </View>
      ))}

      {topic.notice && (
        <View className="card meeting-notice">
          <View className="card-title">会议公告</View>
          <View className="text">时间:{formatTime(topic.notice.meetingAt)}</View>
          <View className="text">地点:{topic.notice.place}</View>
          <View className="text">议程:{topic.notice.agenda}</View>
          <Button className="btn block print-notice" onClick={() => Taro.navigateTo({ url: printUrl(topic.id, 'notice') })}>
            打印公告
          </Button>
        </View>
      )}
      <AttendanceCard
        detail={detail}
        onChanged={onChanged}
        canAct={allowed.has('attend') && !!acting}
        onBehalf={acting}
        official={official}
      />

      {topic.meetings.map((m) => (
        <View key={m.at} className="card meeting-record">
          <View className="card-title">
            会议记录 {formatTime(m.meetingAt)} · {OUTCOME_LABEL[m.outcome]}
          </View>
          <View className="text">
            到会代表和楼院长{m.present}人(应到{m.invited}人,需{m.needed}人),列席居民{m.residentsPresent}人
          </View>
          <View className="muted">{m.attendees.map((a) => `${a.organisation ?? MEMBER_LABEL[a.kind]} ${a.name}`).join('、')}</View>
          {m.votes.map((v) => (
            <View key={v.planId} className="muted">
              {plans.get(v.planId)?.title ?? v.planId}:赞成{v.for},反对{v.against},弃权{v.abstain}
            </View>
          ))}
          <View className="text">{m.minutes}</View>
        </View>
      ))}

      {detail.tasks.length > 0 && <View className="section">任务</View>}
      {detail.tasks.map((t) => (
        <View key={t.id} className="card council-task" data-task-id={t.id}>
          <View className="row">
            <Text className="card-title">{t.title}</Text>
            <Text className={`tag ${t.status === 'done' ? 'status-confirmed' : ''}`}>
              {t.kind === 'wish' && t.wishStatus && t.status === 'open' ? STATUS_LABEL[t.wishStatus] : TASK_STATUS_LABEL[t.status]}
            </Text>
          </View>
          {t.ownerName && <View className="muted">负责人:{t.ownerName}</View>}
          {t.dueDate && (
            <View className={t.late ? 'text task-late' : 'muted'}>{t.late ? `已超期(${t.dueDate}到期)` : `${t.dueDate}前完成`}</View>
          )}
          {t.note && <View className="text">{t.note}</View>}
        </View>
      ))}

      {detail.wishes.length > 0 && <View className="section">关联的心愿</View>}
      {detail.wishes.map((w) => (
        <View key={w.id} className="card linked-wish">
          <View className="text">
            {w.categoryName} · {w.buildingName} {w.ownerName}
          </View>
          <View className="muted">
            {STATUS_LABEL[w.status]}
            {w.confirmed ? ' · 居民已确认' : ''}
          </View>
        </View>
      ))}

      {topic.result && (
        <View className="card topic-result">
          <View className="card-title">结果公示</View>
          <View className="text">{topic.result.summary}</View>
          <View className="muted">公示至 {formatTime(topic.result.publicUntil)}</View>
          <Button className="btn block print-result" onClick={() => Taro.navigateTo({ url: printUrl(topic.id, 'result') })}>
            打印结果公示
          </Button>
        </View>
      )}
      <Objections
        detail={detail}
        onChanged={onChanged}
        canObject={allowed.has('object') && mayObject && !!acting}
        canAnswer={allowed.has('answer')}
        onBehalf={acting}
      />

      <View className="section">议事经过</View>
      {detail.steps.map((s) => (
        <View key={s.seq} className="timeline-item">
          <Text className="muted">{formatTime(s.at)}</Text>
          <View className="text">
            {s.actorName}:{STEP_LABEL[s.to]}
            {s.note ? `(${s.note})` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}
