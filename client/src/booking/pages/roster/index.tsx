import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { BookingView } from '@shared/schemas/bookings';
import type { SlotView } from '@shared/schemas/slots';
import { beijingDate, DAY_MS } from '@shared/domain/beijing-time';
import { isCheckInOpen } from '@shared/domain/booking/rules';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';
import { BOOKING_STATUS_LABEL, slotWhen, statusTone } from '../../booking-words';

/**
 * 服务签到: today's (or tomorrow's) slots of the services the volunteer's team provides (all of the community
 * for staff). Opening a slot lists who booked it; one tap checks a person in. Whoever is not in by the end of the grace
 * period is marked a no-show by the system, so checking in is what keeps honest people in good standing.
 */
export default function Roster() {
  const [day, setDay] = useState<0 | 1>(0);
  const date = beijingDate(Date.now() + day * DAY_MS);
  const slots = usePagedList((cursor) => api.roster(date, cursor), date);
  const [opened, setOpened] = useState('');
  return (
    <PageShell>
      <View className="title">服务签到</View>
      <View className="row chips">
        {(['今天', '明天'] as const).map((label, i) => (
          <Button key={label} className={`btn chip roster-day${day === i ? ' selected' : ''}`} onClick={() => setDay(i as 0 | 1)}>
            {label}
          </Button>
        ))}
      </View>
      <View className="muted">点开时段看预约名单,人到了点“签到”。开始前一小时起可以签到;明天的名单可以提前准备。</View>
      <ListState
        loading={slots.loading}
        error={slots.error}
        empty={slots.items.length === 0}
        emptyText={`${day ? '明天' : '今天'}没有您队伍提供的服务`}
        onRetry={slots.reload}
      />
      {slots.items.map((s) => (
        <View key={s.id} className="card roster-slot" data-slot-id={s.id}>
          <View className="row" onClick={() => setOpened(opened === s.id ? '' : s.id)}>
            <Text className="card-title">
              {s.serviceName} {slotWhen(s.start, s.end)}
            </Text>
            <Text className="tag">{s.booked}人预约</Text>
          </View>
          <View className="muted">{s.place}</View>
          {opened === s.id ? (
            <SlotRoster slot={s} />
          ) : (
            <Button className="btn block open-roster" onClick={() => setOpened(s.id)}>
              看名单
            </Button>
          )}
        </View>
      ))}
      <LoadMore list={slots} />
    </PageShell>
  );
}

function SlotRoster({ slot }: { slot: SlotView }) {
  const list = usePagedList((cursor) => api.slotBookings(slot.id, cursor), slot.id);
  // Opened after the page was shown, so the page's first showing did not load it: load it now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the roster is opened
  useEffect(() => void list.reload(), []);
  const rows = useRowAction<BookingView>();
  // The server's own rule, so the button shows exactly when a tap can work.
  const canCheckIn = isCheckInOpen(slot, Date.now());
  const checkIn = (id: string) => rows.run(id, () => api.checkIn(id), { failed: '签到没有成功,请再试一次' });

  return (
    <View className="slot-roster">
      {rows.error && <View className="error">{rows.error}</View>}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="这个时段还没有人预约"
        onRetry={list.reload}
      />
      {list.items.map((listed) => {
        const b = rows.shown(listed.id, listed);
        return (
          <View key={b.id} className="row roster-row" data-booking-id={b.id}>
            <Text className="text">{b.residentName}</Text>
            {b.status === 'booked' && !canCheckIn ? (
              <Text className="muted">开始前一小时起可签到</Text>
            ) : b.status === 'booked' ? (
              <Button className="btn primary check-in" disabled={rows.busy === b.id || undefined} onClick={() => checkIn(b.id)}>
                签到
              </Button>
            ) : (
              <Text className={`tag ${statusTone(b.status)}`}>{BOOKING_STATUS_LABEL[b.status]}</Text>
            )}
          </View>
        );
      })}
      <LoadMore list={list} />
    </View>
  );
}
