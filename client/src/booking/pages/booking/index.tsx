import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { BookingView } from '@shared/schemas/bookings';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { session } from '../../../api/session';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { BookingCard } from '../../booking-card';
import { BOOKING_STATUS_LABEL } from '../../booking-words';

/** One booking: what can be done with it now, and everything that happened to it, in order. */
export default function BookingDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [error, setError] = useState('');

  const load = () => {
    setError('');
    api.booking(id).then(setBooking, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);

  const forResident = !!booking && booking.residentId !== session.user()?.id;
  return (
    <PageShell>
      {error && <LoadError message={error} onRetry={load} />}
      {!booking && !error && <View className="empty">正在加载…</View>}
      {booking && (
        <View>
          <BookingCard booking={booking} onChanged={setBooking} forResident={forResident} link={false} />
          {booking.ticket && (
            <Button
              className="btn block see-draw"
              onClick={() =>
                Taro.navigateTo({
                  url: `/booking/pages/draw/index?service=${encodeURIComponent(booking.serviceId)}&slot=${encodeURIComponent(booking.slotId)}`,
                })
              }
            >
              查看抽签名单
            </Button>
          )}
          <View className="section">经过</View>
          {booking.history.map((step) => (
            <View key={`${step.at}:${step.status}`} className="timeline-item">
              <Text className="muted">{formatTime(step.at)}</Text>
              <View className="text">
                {BOOKING_STATUS_LABEL[step.status]}
                {step.note ? `:${step.note}` : ''}
              </View>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
