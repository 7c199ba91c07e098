import type { Booking } from '../../schemas/bookings';
import type { NotificationKind, PushTemplate } from '../../schemas/notifications';
import type { Notice } from '../notice';
import { whenText } from '../beijing-time';

/**
 * What residents (and the grid workers who book for them) are told about a booking, in their words.
 * Each note is written in the same transaction as the change it reports. Only what asks for the
 * person's attention goes out as a WeChat message too: a result, a reminder, an offer to answer.
 */

export const MY_BOOKINGS = '/booking/pages/mine/index';
export const MADE_BOOKINGS = '/booking/pages/mine/index?scope=made';

export type BookingEvent =
  | 'booked'
  | 'applied'
  | 'waiting'
  | 'won'
  | 'lost'
  | 'offered'
  | 'offer_expired'
  | 'reminder'
  | 'no_show'
  | 'excused'
  | 'cancelled'
  | 'changed';

interface Template {
  kind: NotificationKind;
  title: (b: Booking) => string;
  body: (b: Booking, extra: string) => string;
  push?: PushTemplate;
  /** The grid worker or staff member who booked is told too: the resident may not read the phone. */
  booker: boolean;
}

const what = (b: Booking) => `${b.serviceName} ${whenText(b.start)}`;

const TEMPLATES: Record<BookingEvent, Template> = {
  booked: {
    kind: 'booking_confirmed',
    title: () => '预约成功',
    body: (b) => `${what(b)},地点:${b.place}`,
    push: 'booking_result',
    booker: false,
  },
  applied: { kind: 'booking_applied', title: () => '已报名抽签', body: (b) => `${what(b)},签号 ${b.ticket}`, booker: false },
  waiting: { kind: 'booking_waiting', title: () => '已排队候补', body: (b) => `${what(b)},有人取消时会通知您`, booker: false },
  won: {
    kind: 'booking_drawn',
    title: () => '抽签中签',
    body: (b) => `${what(b)},第${b.drawRank}名,请按时到场`,
    push: 'booking_result',
    booker: true,
  },
  lost: {
    kind: 'booking_not_drawn',
    title: () => '抽签未中,已排队候补',
    body: (b) => `${what(b)},第${b.drawRank}名,有空位会通知您`,
    push: 'booking_result',
    booker: true,
  },
  offered: {
    kind: 'booking_offered',
    title: () => '有空位了,请确认',
    body: (b) => `${what(b)},为您保留到 ${whenText(b.offerUntil!)},过时转给下一位`,
    push: 'waitlist_offer',
    booker: true,
  },
  offer_expired: { kind: 'booking_offer_expired', title: () => '候补名额已过期', body: (b) => `${what(b)},保留时间已过`, booker: true },
  reminder: {
    kind: 'booking_reminder',
    title: () => '明天别忘了',
    body: (b) => `${what(b)},地点:${b.place}`,
    push: 'booking_reminder',
    booker: true,
  },
  no_show: { kind: 'booking_no_show', title: () => '记录为未到场', body: (b) => `${what(b)},如有特殊情况请联系网格员`, booker: true },
  excused: { kind: 'booking_excused', title: () => '未到场记录已撤销', body: (b, why) => `${what(b)}:${why}`, booker: false },
  cancelled: {
    kind: 'booking_cancelled',
    title: () => '预约已取消',
    body: (b, why) => `${what(b)}${why ? `:${why}` : ''}`,
    push: 'booking_result',
    booker: true,
  },
  changed: {
    kind: 'booking_changed',
    title: () => '预约时段有变动',
    body: (b, why) => `${what(b)},地点:${b.place}。${why}`,
    push: 'booking_result',
    booker: true,
  },
};

/**
 * The notes for one event: to the resident, and to whoever booked for them when the event concerns
 * them too. `actorId` is left out: nobody is told what they just did themselves, unless they did it
 * for someone else (then the resident is told).
 */
export function bookingNotes(event: BookingEvent, b: Booking, actorId: string | null, extra = ''): Notice[] {
  const t = TEMPLATES[event];
  const notes: Notice[] = [];
  const note = (userId: string, link: string): Notice => ({
    userId,
    kind: t.kind,
    title: t.title(b),
    body: t.body(b, extra),
    link,
    ...(t.push ? { push: t.push } : {}),
  });
  // A resident who booked on their own phone is told too: the inbox is their record, and the WeChat
  // message confirms what they asked to be told when they tapped.
  const selfService = event === 'booked' && actorId === b.residentId;
  if (b.residentId !== actorId || selfService) notes.push(note(b.residentId, MY_BOOKINGS));
  if (t.booker && b.bookedBy && b.bookedBy.userId !== actorId && b.bookedBy.userId !== b.residentId) {
    notes.push({ ...note(b.bookedBy.userId, MADE_BOOKINGS), title: `${b.residentName}:${t.title(b)}` });
  }
  return notes;
}
