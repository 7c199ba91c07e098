import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import { addDays, beijingDate } from '@shared/domain/beijing-time';
import type { CouncilMember, TaskView, TopicDetail } from '@shared/schemas/council';
import type { SlotView } from '@shared/schemas/slots';
import { api, type TopicMoves } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { session } from '../../../api/session';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { useRowAction } from '../../../components/use-row-action';
import { MEMBER_LABEL, STEP_LABEL, StepBar } from '../../council-words';
import '../../council.css';

type Act = ReturnType<typeof useRowAction<never>>;

/**
 * 推进议事, for staff: the forms of the step the topic is at, as the machine allows them: confirm with a summary
 * or decline with a reason; plans and the notice (time, place, agenda, the 议事厅 slot); the meeting (a large
 * tap per roster member present, each plan's vote, the minutes); tasks and marking them done; the result.
 */
export default function ActPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<TopicDetail | null>(null);
  const [error, setError] = useState('');
  const act = useRowAction();
  const load = () => {
    setError('');
    api.councilTopic(id).then(setDetail, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);

  const move = <M extends keyof TopicMoves>(row: string, m: M, body: TopicMoves[M], done: string) =>
    act.run(row, async () => setDetail(await api.moveTopic(id, m, body)), { failed: '没有成功,请再试一次', done, onError: load });

  if (!detail) {
    return <PageShell>{error ? <LoadError message={error} onRetry={load} /> : <View className="empty">正在加载…</View>}</PageShell>;
  }
  const { topic } = detail;
  const allowed = new Set(detail.allowedActions);
  // A move's form goes once the step has moved: what it did is said at the top; what failed, under its form.
  const said = (row: string) => act.message?.row === row && !act.message.ok && <View className="error">{act.message.text}</View>;
  const props = { detail, act, move, said, reload: load, setDetail };

  return (
    <PageShell>
      <View className="title">{topic.title}</View>
      <Text className="tag topic-step">{STEP_LABEL[topic.step]}</Text>
      <StepBar stepNumber={topic.stepNumber} ended={['declined', 'lapsed', 'closed'].includes(topic.step)} />
      {act.message?.ok && <View className="success move-done">{act.message.text}</View>}
      {allowed.has('confirm') && (
        <TextMove
          {...props}
          row="confirm"
          title="确认议题"
          hint="汇总居民意见后确认议题,进入制定方案"
          button="确认议题"
          send={(summary) => move('confirm', 'confirm', { summary }, '议题已确认,请制定方案')}
        />
      )}
      {allowed.has('add_plan') && <PlanForm {...props} />}
      {allowed.has('notice') && <NoticeForm {...props} />}
      {allowed.has('meeting') && <MeetingForm {...props} />}
      {allowed.has('add_task') && <TaskForm {...props} />}
      {allowed.has('finish_task') && <OpenTasks {...props} />}
      {allowed.has('publish') && (
        <TextMove
          {...props}
          row="publish"
          title="反馈公示"
          hint="写下决议和落实情况,在公告栏公示"
          button="发布结果公示"
          send={(summary) => move('publish', 'publish', { summary }, '结果已公示')}
        />
      )}
      {allowed.has('decline') && (
        <TextMove
          {...props}
          row="decline"
          title="不予立项"
          hint="写明原因,关联的心愿会退回待分派"
          button="不予立项"
          send={(reason) => move('decline', 'decline', { reason }, '已不予立项,原因已公示')}
        />
      )}
      {detail.allowedActions.length === 0 && <View className="empty">这个议题现在没有需要您办理的事</View>}
    </PageShell>
  );
}

interface FormProps {
  detail: TopicDetail;
  act: Act;
  move: <M extends keyof TopicMoves>(row: string, m: M, body: TopicMoves[M], done: string) => Promise<boolean>;
  said: (row: string) => ReactNode;
  reload: () => void;
  setDetail: (d: TopicDetail) => void;
}

function TextMove({
  act,
  said,
  row,
  title,
  hint,
  button,
  send,
}: FormProps & { row: string; title: string; hint: string; button: string; send: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  return (
    <View className={`card move-${row}`}>
      <View className="card-title">{title}</View>
      <View className="muted">{hint}</View>
      <Textarea className={`textarea ${row}-text`} value={text} maxlength={1000} onInput={(e) => setText(e.detail.value)} />
      <Button
        className={`btn block ${row === 'decline' ? '' : 'primary '}send-${row}`}
        disabled={!!act.busy || undefined}
        onClick={() => (text.trim().length < 2 ? act.say(row, '请先写几句话') : void send(text.trim()).then((ok) => ok && setText('')))}
      >
        {button}
      </Button>
      {said(row)}
    </View>
  );
}

function PlanForm({ detail, act, move, said }: FormProps) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [cost, setCost] = useState('');
  const send = () => {
    if (!title.trim() || !body.trim()) return act.say('plan', '请写方案名称和内容');
    return move(
      'plan',
      'plans',
      { title: title.trim(), body: body.trim(), ...(cost.trim() ? { cost: cost.trim() } : {}) },
      '方案已添加',
    ).then((ok) => {
      if (!ok) return;
      setTitle('');
      setBody('');
      setCost('');
    });
  };
  return (
    <View className="card plan-form">
      <View className="card-title">制定方案(已有{detail.topic.plans.length}个,最多5个)</View>
      <Input className="input plan-title" value={title} placeholder="方案名称" onInput={(e) => setTitle(e.detail.value)} />
      <Textarea className="textarea plan-body" value={body} placeholder="方案内容" onInput={(e) => setBody(e.detail.value)} />
      <Input className="input plan-cost" value={cost} placeholder="费用(可不填)" onInput={(e) => setCost(e.detail.value)} />
      <Button className="btn primary block add-plan" disabled={!!act.busy || undefined} onClick={() => void send()}>
        添加方案
      </Button>
      {said('plan')}
    </View>
  );
}

/** “2026-12-05 19:00” (Beijing) as an ISO time, or null. */
const beijingIso = (text: string): string | null => {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2].padStart(2, '0')}:${m[3]}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
};

function NoticeForm({ act, move, said }: FormProps) {
  const [when, setWhen] = useState(`${addDays(beijingDate(Date.now()), 4)} 19:00`);
  const [place, setPlace] = useState('党群服务中心二楼 议事厅');
  const [agenda, setAgenda] = useState('一、通报居民意见;二、讨论方案;三、表决');
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  /** Seats for residents who register to attend (列席): empty means 20 with the room, no limit without it. */
  const [seats, setSeats] = useState('');

  const findRoom = async () => {
    const services = await api.services();
    const room = services.items.find((s) => s.kind === 'room');
    if (!room) return act.say('notice', '社区还没有议事厅可以预约');
    const page = await api.slots(room.id);
    setSlots(page.items.filter((s) => s.booked < s.seats && !['closed', 'cancelled', 'started'].includes(s.state)));
    setPlace(room.place);
  };
  const send = () => {
    const meetingAt = slot ? slot.start : beijingIso(when);
    if (!meetingAt) return act.say('notice', '时间请写成 2026-12-05 19:00 这样');
    if (!place.trim() || !agenda.trim()) return act.say('notice', '请写会议地点和议程');
    const observerSeats = seats.trim() ? Math.floor(Number(seats)) : undefined;
    if (observerSeats !== undefined && !(observerSeats >= 0 && observerSeats <= 500)) {
      return act.say('notice', '列席座位数请填0到500之间的数字');
    }
    return move(
      'notice',
      'notice',
      {
        meetingAt,
        place: place.trim(),
        agenda: agenda.trim(),
        ...(slot ? { slotId: slot.id } : {}),
        ...(observerSeats !== undefined ? { observerSeats } : {}),
      },
      '公告已发布,已通知议事会成员',
    );
  };
  return (
    <View className="card notice-form">
      <View className="card-title">发布会议公告</View>
      <View className="section">会议时间</View>
      {slot ? (
        <View className="row">
          <Text className="text chosen-slot">议事厅 {formatTime(slot.start)}</Text>
          <Button className="btn" onClick={() => setSlot(null)}>
            改时间
          </Button>
        </View>
      ) : (
        <Input className="input meeting-at" value={when} onInput={(e) => setWhen(e.detail.value)} />
      )}
      <Button
        className="btn block find-room"
        onClick={() => void findRoom().catch((e) => act.say('notice', errorText(e, '议事厅时段没有加载出来')))}
      >
        预约议事厅时段
      </Button>
      {slots && slots.length === 0 && <View className="muted">议事厅近期没有空闲时段</View>}
      <View className="wrap">
        {slots?.slice(0, 12).map((s) => (
          <Button key={s.id} className={`btn chip room-slot${slot?.id === s.id ? ' selected' : ''}`} onClick={() => setSlot(s)}>
            {formatTime(s.start)}
          </Button>
        ))}
      </View>
      <View className="section">地点</View>
      <Input className="input meeting-place" value={place} onInput={(e) => setPlace(e.detail.value)} />
      <View className="section">议程</View>
      <Textarea className="textarea meeting-agenda" value={agenda} onInput={(e) => setAgenda(e.detail.value)} />
      <View className="section">居民列席座位数</View>
      <Input
        className="input observer-seats"
        type="number"
        value={seats}
        placeholder={slot ? '不填则为20个' : '不填则不限人数'}
        onInput={(e) => setSeats(e.detail.value)}
      />
      <Button className="btn primary block send-notice" disabled={!!act.busy || undefined} onClick={() => void send()}>
        发布公告
      </Button>
      {said('notice')}
    </View>
  );
}

function MeetingForm({ detail, act, move, said }: FormProps) {
  const { topic } = detail;
  const [members, setMembers] = useState<CouncilMember[] | null>(null);
  const [error, setError] = useState('');
  const [present, setPresent] = useState<Set<string>>(new Set());
  const [residents, setResidents] = useState('0');
  const [votes, setVotes] = useState<Record<string, [string, string, string]>>({});
  const [minutes, setMinutes] = useState('');
  const [adopted, setAdopted] = useState<string | undefined>(undefined);
  const loadMembers = () => {
    setError('');
    api.councilMembers().then(
      (r) => setMembers(r.members),
      (e) => setError(errorText(e, '议事会成员没有加载出来')),
    );
  };
  // The form mounts once the topic has loaded, after the page showed: its roster is read when it mounts.
  useEffect(loadMembers, []);
  const toggle = (memberId: string) => {
    const next = new Set(present);
    if (next.has(memberId)) next.delete(memberId);
    else next.add(memberId);
    setPresent(next);
  };
  const vote = (planId: string, i: number, value: string) => {
    const v: [string, string, string] = [...(votes[planId] ?? ['0', '0', '0'])];
    v[i] = value;
    setVotes({ ...votes, [planId]: v });
  };
  const count = (s: string) => Math.max(0, Math.floor(Number(s) || 0));
  const send = () => {
    if (!minutes.trim()) return act.say('meeting', '请写会议纪要');
    const people = present.size + count(residents);
    const over = topic.plans.findIndex((p) => (votes[p.id] ?? []).reduce((n, v) => n + count(v), 0) > people);
    if (over >= 0) return act.say('meeting', `方案${over + 1}的票数多于到会人数(成员${present.size}人+列席居民${count(residents)}人)`);
    return move(
      'meeting',
      'meeting',
      {
        attendees: [...present],
        residentsPresent: count(residents),
        votes: topic.plans.map((p) => {
          const [f, a, b] = votes[p.id] ?? ['0', '0', '0'];
          return { planId: p.id, for: count(f), against: count(a), abstain: count(b) };
        }),
        minutes: minutes.trim(),
        ...(adopted ? { adoptedPlanId: adopted } : {}),
      },
      '会议记录已保存',
    );
  };
  return (
    <View className="card meeting-form">
      <View className="card-title">记录会议</View>
      {topic.notice && (
        <View className="muted">
          {formatTime(topic.notice.meetingAt)} · {topic.notice.place}
        </View>
      )}
      <View className="section">到会成员(点一下标记到会,已到{present.size}人)</View>
      {error && <LoadError message={error} onRetry={loadMembers} />}
      {members?.map((m) => (
        <Button
          key={m.id}
          className={`btn attendee${present.has(m.id) ? ' selected' : ''}`}
          data-member-id={m.id}
          onClick={() => toggle(m.id)}
        >
          <Text>
            {m.organisation ?? MEMBER_LABEL[m.kind]} {m.name}
          </Text>
          <Text>{present.has(m.id) ? '✓ 已到' : '未到'}</Text>
        </Button>
      ))}
      <View className="section">列席居民人数</View>
      <Input className="input residents-present" type="number" value={residents} onInput={(e) => setResidents(e.detail.value)} />
      {topic.plans.map((p, i) => (
        <View key={p.id} className="plan-vote">
          <View className="section">
            方案{i + 1}:{p.title}
          </View>
          <View className="vote-row">
            {['赞成', '反对', '弃权'].map((label, j) => (
              <Input
                key={label}
                className={`input vote-${j}`}
                type="number"
                placeholder={label}
                value={votes[p.id]?.[j] ?? ''}
                onInput={(e) => vote(p.id, j, e.detail.value)}
              />
            ))}
          </View>
        </View>
      ))}
      <View className="section">通过的方案</View>
      <View className="wrap">
        <Button className={`btn chip adopt-none${adopted ? '' : ' selected'}`} onClick={() => setAdopted(undefined)}>
          未通过
        </Button>
        {topic.plans.map((p, i) => (
          <Button key={p.id} className={`btn chip adopt-plan${adopted === p.id ? ' selected' : ''}`} onClick={() => setAdopted(p.id)}>
            方案{i + 1}
          </Button>
        ))}
      </View>
      <View className="section">会议纪要</View>
      <Textarea className="textarea meeting-minutes" value={minutes} maxlength={5000} onInput={(e) => setMinutes(e.detail.value)} />
      <Button className="btn primary block send-meeting" disabled={!!act.busy || undefined} onClick={() => void send()}>
        保存会议记录
      </Button>
      {said('meeting')}
    </View>
  );
}

function TaskForm({ detail, act, move, said }: FormProps) {
  const tasked = new Set(detail.tasks.map((t) => t.wishId).filter(Boolean));
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(addDays(beijingDate(Date.now()), 7));
  const me = session.user();
  const addStaff = () => {
    if (!title.trim()) return act.say('task', '请写任务内容');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due.trim())) return act.say('task', '日期请写成 2026-12-05 这样');
    return move('task', 'tasks', { kind: 'staff', title: title.trim(), ownerId: me?.id ?? '', dueDate: due.trim() }, '任务已添加').then(
      (ok) => ok && setTitle(''),
    );
  };
  return (
    <View className="card task-form">
      <View className="card-title">结果运用:落实任务</View>
      {detail.wishes
        .filter((w) => !tasked.has(w.id))
        .map((w) => (
          <Button
            key={w.id}
            className="btn block wish-task"
            disabled={!!act.busy || undefined}
            onClick={() => void move('task', 'tasks', { kind: 'wish', wishId: w.id }, '心愿已派给志愿队伍')}
          >
            派单:{w.categoryName} · {w.buildingName}
          </Button>
        ))}
      <View className="section">工作人员任务(由我负责)</View>
      <Input className="input task-title" value={title} placeholder="任务内容" onInput={(e) => setTitle(e.detail.value)} />
      <Input className="input task-due" value={due} placeholder="完成日期 2026-12-05" onInput={(e) => setDue(e.detail.value)} />
      <Button className="btn primary block add-task" disabled={!!act.busy || undefined} onClick={() => void addStaff()}>
        添加任务
      </Button>
      {said('task')}
    </View>
  );
}

function OpenTasks({ detail, act, said, setDetail, reload }: FormProps) {
  const open = detail.tasks.filter((t) => t.status === 'open');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const finish = (t: TaskView, closed: boolean) => {
    const note = (notes[t.id] ?? '').trim();
    if (!note) return act.say(t.id, closed ? '请写关闭原因' : '请写完成情况');
    return act.run(t.id, async () => setDetail(await api.finishCouncilTask(t.id, { note, closed })), {
      failed: '没有成功,请再试一次',
      done: closed ? '任务已关闭' : '任务已完成',
      onError: reload,
    });
  };
  if (open.length === 0) return null;
  return (
    <View className="card open-tasks">
      <View className="card-title">未完成的任务</View>
      {open.map((t) => (
        <View key={t.id} className="opinion council-task" data-task-id={t.id}>
          <View className="text">{t.title}</View>
          {t.dueDate && (
            <View className={t.late ? 'text task-late' : 'muted'}>{t.late ? `已超期(${t.dueDate}到期)` : `${t.dueDate}前完成`}</View>
          )}
          <Input
            className="input task-note"
            value={notes[t.id] ?? ''}
            placeholder="完成情况或关闭原因"
            onInput={(e) => setNotes({ ...notes, [t.id]: e.detail.value })}
          />
          <View className="row">
            {t.kind === 'staff' && (
              <Button className="btn primary finish-task" disabled={!!act.busy || undefined} onClick={() => void finish(t, false)}>
                标记完成
              </Button>
            )}
            <Button className="btn close-task" disabled={!!act.busy || undefined} onClick={() => void finish(t, true)}>
              关闭任务
            </Button>
          </View>
          {said(t.id)}
        </View>
      ))}
    </View>
  );
}
