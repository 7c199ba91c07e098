import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { canMove } from '@shared/domain/booking/status';
import type { BookingView } from '@shared/schemas/bookings';
import { api } from '../api/endpoints';
import { formatTime, timeLeft } from '../components/labels';
import { useRowAction } from '../components/use-row-action';
import { BOOKING_STATUS_LABEL, CHANNEL_LABEL, slotWhen, statusTone } from './booking-words';

type Change = 'cancel' | 'accept' | 'decline';
const CHANGED: Record<Change, string> = { cancel: '已取消预约', accept: '已确认,名额是您的了', decline: '已放弃,名额让给下一位' };

/**
 * One booking with what its holder can do now: cancel it, or take or pass on a waiting-list offer. A grid
 * worker acting for the resident sends the resident's consent with it (`forResident`). Cancelling asks once
 * more, since a seat given up goes to the next person straight away.
 */
export function BookingCard({
  booking,
  onChanged,
  forResident,
  link = true,
}: {
  booking: BookingView;
  onChanged: (b: BookingView) => void;
  forResident?: boolean;
  link?: boolean;
}) {
  const act = useRowAction();
  const busy = !!act.busy;
  const b = booking;
  const beforeDeadline = Date.parse(b.start) > Date.now();

  const change = async (what: Change) => {
    if (busy) return;
    if (what === 'cancel') {
      const sure = await Taro.showModal({
        title: '取消预约',
        content: `确定取消${slotWhen(b.start)}的${b.serviceName}吗?名额会让给排队的人。`,
        confirmText: '确定取消',
        cancelText: '不取消',
      });
      if (!sure.confirm) return;
    }
    await act.run(b.id, async () => onChanged(await api.changeBooking(b.id, what, forResident ? { consent: true } : {})), {
      failed: '没有成功,请再试一次',
      done: CHANGED[what],
    });
  };

  return (
    <View className="card booking-card" data-booking-id={b.id} data-status={b.status}>
      <View
        className="row"
        onClick={link ? () => Taro.navigateTo({ url: `/booking/pages/booking/index?id=${encodeURIComponent(b.id)}` }) : undefined}
      >
        <Text className="card-title">{b.serviceName}</Text>
        <Text className={`tag booking-status ${statusTone(b.status)}`}>{BOOKING_STATUS_LABEL[b.status]}</Text>
      </View>
      <View className="text">{slotWhen(b.start, b.end)}</View>
      <View className="muted">
        {b.place}
        {b.channel !== 'self' ? ` · ${CHANNEL_LABEL[b.channel]}${b.bookedBy ? `(${b.bookedBy.name})` : ''}` : ''}
        {forResident ? ` · 居民:${b.residentName}` : ''}
      </View>
      {b.status === 'waiting' && b.waitPosition && (
        <View className="text wait-position">候补第{b.waitPosition}位,有人取消会按顺序通知</View>
      )}
      {b.status === 'offered' && b.offerUntil && (
        <View className="notice offer">
          有名额空出来了,请在{formatTime(b.offerUntil)}前确认(还剩{timeLeft(b.offerUntil)}),过时名额会让给下一位。
        </View>
      )}
      {b.status === 'applied' && b.ticket && <View className="text">抽签号:{b.ticket}</View>}
      {b.status === 'booked' && beforeDeadline && <View className="muted">如不能来,请尽早取消,把名额让给排队的人</View>}
      {b.status === 'offered' && (
        <View className="row">
          <Button className="btn primary accept-offer" disabled={busy || undefined} onClick={() => change('accept')}>
            确认要这个名额
          </Button>
          <Button className="btn decline-offer" disabled={busy || undefined} onClick={() => change('decline')}>
            不要了
          </Button>
        </View>
      )}
      {canMove(b.status, 'cancel') && beforeDeadline && (
        <Button className="btn block cancel-booking" disabled={busy || undefined} onClick={() => change('cancel')}>
          {b.status === 'waiting' ? '退出候补' : b.status === 'applied' ? '取消报名' : '取消预约'}
        </Button>
      )}
      {act.message && <View className={act.message.ok ? 'success' : 'error'}>{act.message.text}</View>}
    </View>
  );
}
