import { Button, Checkbox, Label, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Objection, ObserverList, Opinion, Plan, Stance, TopicDetail } from '@shared/schemas/council';
import type { Resident } from '@shared/schemas/users';
import { councilApi } from '../api/council-endpoints';
import { api } from '../api/endpoints';
import { errorText } from '../api/request';
import { formatTime } from '../components/labels';
import { useRowAction } from '../components/use-row-action';
import { STANCE_LABEL } from './council-words';

export const TEXT_MAX = 500;

/** Who a resident's action is for: oneself (`{}`), or a resident a grid worker or staff act for, with consent. */
export type OnBehalf = { forResidentId: string; consent: true } | Record<string, never>;

export function Said({ act, row }: { act: { message: { row: string; text: string; ok: boolean } | null }; row: string }) {
  if (act.message?.row !== row) return null;
  return <View className={act.message.ok ? 'success' : 'error'}>{act.message.text}</View>;
}

/**
 * 代居民参与: a grid worker or staff member picks one of the residents they look after and records that the
 * resident agreed; the resident's forms of the topic then act for them.
 */
export function OnBehalfPicker({
  resident,
  consent,
  onResident,
  onConsent,
}: {
  resident: Resident | null;
  consent: boolean;
  onResident: (r: Resident | null) => void;
  onConsent: (c: boolean) => void;
}) {
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.residents().then(
      (p) => setResidents(p.items.filter((r) => r.verified)),
      (e) => setError(errorText(e, '居民名单没有加载出来,请重试')),
    );
  };
  return (
    <View className="card on-behalf">
      <View className="card-title">代居民参与(需居民当面同意)</View>
      {resident ? (
        <View>
          <View className="row">
            <Text className="text on-behalf-name">代{resident.name}参与</Text>
            <Button className="btn chip" onClick={() => onResident(null)}>
              换一位
            </Button>
          </View>
          <Label className="row check-row text on-behalf-consent">
            <Checkbox value="consent" checked={consent} onClick={() => onConsent(!consent)} />
            {resident.name}已当面同意由我代为支持、发表意见或报名列席
          </Label>
        </View>
      ) : residents === null ? (
        <Button className="btn block choose-resident" onClick={load}>
          选择居民
        </Button>
      ) : (
        <View>
          {residents.length === 0 && <View className="muted">您的网格里还没有已核实的居民</View>}
          {residents.map((r) => (
            <View key={r.id} className="choice resident-choice" data-resident-id={r.id} onClick={() => onResident(r)}>
              {r.name} · {r.buildingName} {r.flat}
            </View>
          ))}
        </View>
      )}
      {error && <View className="error">{error}</View>}
    </View>
  );
}

/** 列席: how many registered and the seats left; register or withdraw while the meeting is ahead; staff read the list. */
export function AttendanceCard({
  detail,
  onChanged,
  canAct,
  onBehalf,
  official,
}: {
  detail: TopicDetail;
  onChanged: (d: TopicDetail) => void;
  canAct: boolean;
  onBehalf: OnBehalf | null;
  official: boolean;
}) {
  const act = useRowAction();
  const [list, setList] = useState<ObserverList | null>(null);
  const a = detail.attendance;
  if (!a) return null;
  const id = detail.topic.id;
  const forOther = !!onBehalf && 'forResidentId' in onBehalf;
  const registered = a.registered && !forOther;
  const full = a.seatsLeft === 0;
  const attend = () =>
    act.run('attend', async () => onChanged(await councilApi.attend(id, onBehalf ?? {})), {
      failed: '没有报名成功,请再试一次',
      done: forOther ? '已代居民报名列席' : '报名成功,请按时到会',
    });
  const withdraw = () =>
    act.run('attend', async () => onChanged(await councilApi.withdraw(id, onBehalf ?? {})), {
      failed: '没有取消成功,请再试一次',
      done: '已取消报名',
    });
  const showList = () =>
    act.run('attend-list', async () => setList(await councilApi.observers(id)), { failed: '报名名单没有加载出来,请重试' });
  return (
    <View className="card attendance" data-observers={a.observers}>
      <View className="card-title">居民列席</View>
      <View className="text attendance-count">
        已报名{a.observers}人{a.seats === null ? '' : `,列席座位${a.seats}个,还剩${a.seatsLeft}个`}
      </View>
      {registered && <View className="success attending">您已报名列席这次会议</View>}
      {!a.open && <View className="muted">会议已开始,报名已截止</View>}
      {a.open && canAct && !registered && (
        <Button className="btn primary block attend-meeting" disabled={!!act.busy || full || undefined} onClick={() => void attend()}>
          {full ? '列席座位已满' : forOther ? '代居民报名列席' : '报名列席会议'}
        </Button>
      )}
      {a.open && canAct && (registered || forOther) && (
        <Button className="btn block withdraw-meeting" disabled={!!act.busy || undefined} onClick={() => void withdraw()}>
          {forOther ? '代居民取消报名' : '取消报名'}
        </Button>
      )}
      <Said act={act} row="attend" />
      {official && !list && (
        <Button className="btn block observer-list" disabled={!!act.busy || undefined} onClick={() => void showList()}>
          查看报名名单
        </Button>
      )}
      {list && (
        <View className="observers">
          {list.items.length === 0 && <View className="muted">还没有居民报名</View>}
          {list.items.map((o, i) => (
            <View key={o.userId} className="text observer" data-user-id={o.userId}>
              {i + 1}. {o.name}
              {o.filedBy ? `(${o.filedBy.name}代报)` : ''}
            </View>
          ))}
        </View>
      )}
      <Said act={act} row="attend-list" />
    </View>
  );
}

/** A plan's comments (residents' opinions on it, names masked for residents) and, while drafting, a form to add one. */
export function PlanComments({
  detail,
  plan,
  onChanged,
  canComment,
  onBehalf,
}: {
  detail: TopicDetail;
  plan: Plan;
  onChanged: (d: TopicDetail) => void;
  canComment: boolean;
  onBehalf: OnBehalf | null;
}) {
  const act = useRowAction();
  const [open, setOpen] = useState(false);
  const [stance, setStance] = useState<Stance>('support');
  const [text, setText] = useState('');
  const comments: Opinion[] = detail.opinions.filter((o) => o.planId === plan.id);
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed) return act.say('comment', '请先写下您的评论');
    if (trimmed.length > TEXT_MAX) return act.say('comment', `评论最多${TEXT_MAX}字`);
    return act.run(
      'comment',
      async () => {
        onChanged(await api.opine(detail.topic.id, { stance, text: trimmed, planId: plan.id, ...(onBehalf ?? {}) }));
        setText('');
        setOpen(false);
      },
      { failed: '评论没有提交成功,请再试一次', done: '评论已提交,谢谢' },
    );
  };
  return (
    <View className="plan-comments">
      <View className="muted">居民评论({comments.length})</View>
      {comments.map((o) => (
        <View key={o.id} className="plan-comment" data-opinion-id={o.id}>
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
      {canComment && !open && (
        <Button className="btn block comment-plan" onClick={() => setOpen(true)}>
          评论这个方案
        </Button>
      )}
      {canComment && open && (
        <View className="comment-form">
          <View className="chips wrap">
            {(Object.keys(STANCE_LABEL) as Stance[]).map((s) => (
              <Button key={s} className={`btn chip stance stance-${s}${stance === s ? ' selected' : ''}`} onClick={() => setStance(s)}>
                {STANCE_LABEL[s]}
              </Button>
            ))}
          </View>
          <Textarea
            className="textarea comment-text"
            value={text}
            maxlength={TEXT_MAX}
            placeholder="对这个方案的看法,最多500字"
            onInput={(e) => setText(e.detail.value)}
          />
          <View className="muted">
            {text.length}/{TEXT_MAX}
          </View>
          <Button className="btn primary block send-comment" disabled={!!act.busy || undefined} onClick={() => void send()}>
            提交评论
          </Button>
        </View>
      )}
      <Said act={act} row="comment" />
    </View>
  );
}

/** 反馈公示: objections to the result (names masked for residents), raised within the window and answered by staff. */
export function Objections({
  detail,
  onChanged,
  canObject,
  canAnswer,
  onBehalf,
}: {
  detail: TopicDetail;
  onChanged: (d: TopicDetail) => void;
  canObject: boolean;
  canAnswer: boolean;
  onBehalf: OnBehalf | null;
}) {
  const act = useRowAction();
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const id = detail.topic.id;
  if (!canObject && detail.objections.length === 0) return null;
  const object = () => {
    const trimmed = text.trim();
    if (!trimmed) return act.say('object', '请写下您的异议');
    if (trimmed.length > TEXT_MAX) return act.say('object', `异议最多${TEXT_MAX}字`);
    return act.run(
      'object',
      async () => {
        onChanged(await councilApi.object(id, { text: trimmed, ...(onBehalf ?? {}) }));
        setText('');
      },
      { failed: '异议没有提交成功,请再试一次', done: '异议已提交,社区会尽快答复' },
    );
  };
  const answer = (o: Objection) => {
    const trimmed = (answers[o.id] ?? '').trim();
    if (!trimmed) return act.say(o.id, '请写下答复');
    return act.run(o.id, async () => onChanged(await councilApi.answer(id, o.id, { text: trimmed })), {
      failed: '答复没有提交成功,请再试一次',
      done: '已答复',
    });
  };
  return (
    <View className="objections">
      <View className="section">居民异议({detail.objections.length})</View>
      {detail.objections.map((o) => (
        <View key={o.id} className="card objection" data-objection-id={o.id}>
          <View className="text">
            {o.name}:{o.text}
          </View>
          <View className="muted">{formatTime(o.at)}</View>
          {o.answer ? (
            <View className="text objection-answer">
              社区答复({o.answer.byName}):{o.answer.text}
            </View>
          ) : canAnswer ? (
            <View>
              <Textarea
                className="textarea answer-text"
                value={answers[o.id] ?? ''}
                maxlength={TEXT_MAX}
                placeholder="答复这条异议"
                onInput={(e) => setAnswers({ ...answers, [o.id]: e.detail.value })}
              />
              <Button className="btn primary block send-answer" disabled={!!act.busy || undefined} onClick={() => void answer(o)}>
                提交答复
              </Button>
              <Said act={act} row={o.id} />
            </View>
          ) : (
            <View className="muted">等待社区答复</View>
          )}
        </View>
      ))}
      {canObject && (
        <View className="card objection-form">
          <View className="card-title">对结果有异议?</View>
          <Textarea
            className="textarea objection-text"
            value={text}
            maxlength={TEXT_MAX}
            placeholder={`公示期内可提出异议,最多${TEXT_MAX}字`}
            onInput={(e) => setText(e.detail.value)}
          />
          <Button className="btn primary block send-objection" disabled={!!act.busy || undefined} onClick={() => void object()}>
            提交异议
          </Button>
          <Said act={act} row="object" />
        </View>
      )}
    </View>
  );
}
