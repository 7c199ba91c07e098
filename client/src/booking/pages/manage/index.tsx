import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ClockTime, type Service, type WeeklyRule } from '@shared/schemas/services';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';
import { serviceUrl, WEEKDAY } from '../../booking-words';

/**
 * 服务管理 for community staff: each service's seats and weekly times, and whether it takes bookings. A change
 * applies to the slots opened from now on; a slot already open is changed or closed one by one on its service
 * page, where the people booked are told why.
 */
export default function Manage() {
  const list = usePagedList(api.services);
  const rows = useRowAction<Service>();
  return (
    <PageShell>
      <View className="title">服务管理</View>
      <View className="muted">改名额和每周时间后,新开放的时段按新规则;已开放的时段请到“看时段”里单独调整或关闭。</View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="社区还没有服务"
        onRetry={list.reload}
      />
      {list.items.map((listed) => (
        <ServiceEditor key={listed.id} service={rows.shown(listed.id, listed)} onSaved={(s) => rows.keep(s.id, s)} />
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}

const byTime = (a: WeeklyRule, b: WeeklyRule) => a.weekday - b.weekday || a.start.localeCompare(b.start);

function ServiceEditor({ service, onSaved }: { service: Service; onSaved: (s: Service) => void }) {
  const [seats, setSeats] = useState(String(service.rules.seatsPerSlot));
  const [schedule, setSchedule] = useState<WeeklyRule[]>([...service.schedule].sort(byTime));
  const [weekday, setWeekday] = useState(1);
  const [start, setStart] = useState('09:00');
  const act = useRowAction();
  const busy = !!act.busy;
  const message = act.message;
  const say = (text: string) => act.say(service.id, text);

  const save = (body: Parameters<typeof api.updateService>[1], done: string) =>
    act.run(service.id, async () => onSaved(await api.updateService(service.id, body)), { failed: '保存没有成功,请再试一次', done });

  const addTime = () => {
    if (!ClockTime.safeParse(start).success) {
      say('时间请写成 09:00 这样');
      return;
    }
    if (schedule.some((r) => r.weekday === weekday && r.start === start)) return;
    setSchedule([...schedule, { weekday, start }].sort(byTime));
  };

  const seatCount = Number(seats);
  return (
    <View className="card manage-service" data-service-id={service.id}>
      <View className="row">
        <Text className="card-title">{service.name}</Text>
        <Text className={`tag ${service.active ? 'status-confirmed' : ''}`}>{service.active ? '开放预约' : '已停用'}</Text>
      </View>
      <View className="muted">
        {service.place} · {service.rules.allocation === 'ballot' ? '报名抽签' : '先到先得'}
      </View>
      <View className="section">每个时段的名额</View>
      <Input className="input seats-input" type="number" value={seats} onInput={(e) => setSeats(e.detail.value)} />
      <View className="section">每周时间</View>
      {schedule.length === 0 && <View className="muted">还没有每周时间</View>}
      {schedule.map((r) => (
        <View key={`${r.weekday}-${r.start}`} className="row schedule-row">
          <Text className="text">
            {WEEKDAY[r.weekday]} {r.start}
          </Text>
          <Button className="btn remove-time" onClick={() => setSchedule(schedule.filter((x) => x !== r))}>
            删除
          </Button>
        </View>
      ))}
      <View className="chips">
        {WEEKDAY.slice(1).map((label, i) => (
          <Button key={label} className={`btn chip weekday${weekday === i + 1 ? ' selected' : ''}`} onClick={() => setWeekday(i + 1)}>
            {label}
          </Button>
        ))}
      </View>
      <View className="row">
        <Input className="input start-input" value={start} maxlength={5} onInput={(e) => setStart(e.detail.value)} />
        <Button className="btn add-time" onClick={addTime}>
          添加时间
        </Button>
      </View>
      <Button
        className="btn primary block save-service"
        disabled={busy || undefined}
        onClick={() =>
          Number.isInteger(seatCount) && seatCount >= 1 && seatCount <= 500
            ? save({ rules: { seatsPerSlot: seatCount }, schedule }, '已保存,新开放的时段按新规则')
            : say('名额请填1到500之间的整数')
        }
      >
        保存
      </Button>
      <Button
        className="btn block toggle-service"
        disabled={busy || undefined}
        onClick={() => save({ active: !service.active }, service.active ? '已停用,不再开放新时段' : '已重新开放预约')}
      >
        {service.active ? '停用(不再开放新时段)' : '重新开放预约'}
      </Button>
      <Button className="btn block service-slots" onClick={() => Taro.navigateTo({ url: serviceUrl(service.id) })}>
        看时段
      </Button>
      {message && <View className={message.ok ? 'success' : 'error'}>{message.text}</View>}
    </View>
  );
}
