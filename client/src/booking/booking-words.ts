import { beijingClock, beijingDate, weekdayOf } from '@shared/domain/beijing-time';
import type { BookingStatus, Channel } from '@shared/schemas/bookings';
import type { SlotState } from '@shared/schemas/slots';

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  applied: '已报名抽签',
  booked: '已预约',
  waiting: '候补中',
  offered: '候补到位,待确认',
  checked_in: '已签到',
  no_show: '未到场',
  cancelled: '已取消',
  declined: '已放弃',
  expired: '已过期',
};

export const SLOT_STATE_LABEL: Record<SlotState, string> = {
  upcoming: '尚未开放',
  open: '可预约',
  full: '已约满',
  applying: '抽签报名中',
  drawing: '正在抽签',
  closed: '预约已截止',
  cancelled: '已取消',
  started: '已开始',
};

export const CHANNEL_LABEL: Record<Channel, string> = { self: '本人预约', grid_worker: '网格员代约', desk: '服务台代约' };

/** 星期 by 1 (Monday) … 7 (Sunday); index 0 is unused. */
export const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** “11月25日 周三 09:00–09:30”, in Beijing time whatever the phone's zone. */
export function slotWhen(startIso: string, endIso?: string): string {
  const start = Date.parse(startIso);
  const date = beijingDate(start);
  const [, month, day] = date.split('-').map(Number);
  const end = endIso ? `–${beijingClock(Date.parse(endIso))}` : '';
  return `${month}月${day}日 ${WEEKDAY[weekdayOf(date)]} ${beijingClock(start)}${end}`;
}

/** The tag colour class of a booking status: green when it is certain, amber when it waits on someone. */
export const statusTone = (s: BookingStatus): string =>
  s === 'booked' || s === 'checked_in' ? 'status-confirmed' : s === 'offered' || s === 'waiting' || s === 'applied' ? 'status-done' : '';

/** The page of one service, for a resident or for the resident a grid worker books for. */
export const serviceUrl = (serviceId: string, forResident?: { id: string; name: string }) =>
  `/booking/pages/service/index?id=${encodeURIComponent(serviceId)}${forResident ? `&for=${encodeURIComponent(forResident.id)}&forName=${encodeURIComponent(forResident.name)}` : ''}`;
