import type { Booking, BookingView, Channel } from '../../schemas/bookings';
import type { Slot, SlotState, SlotView } from '../../schemas/slots';
import type { User } from '../../schemas/users';
import { seatsLeft } from './rules';
import { moveTo, type BookingAction } from './status';

const at = (s: string) => Date.parse(s);

/** What a slot is to someone now: not open yet, open, full, taking applications, being drawn, closed… */
export function slotState(slot: Slot, assisted: boolean, nowMs: number): SlotState {
  if (slot.status === 'closed') return 'cancelled';
  if (nowMs >= at(slot.start)) return 'started';
  if (nowMs < at(slot.times.opensAt)) return 'upcoming';
  if (slot.phase === 'applying') return nowMs < at(slot.times.ballotClosesAt!) ? 'applying' : 'drawing';
  if (slot.phase === 'drawing') return 'drawing';
  if (nowMs >= at(slot.times.closesAt)) return 'closed';
  return seatsLeft(slot, assisted, nowMs) > 0 ? 'open' : 'full';
}

/** Seats still held back for bookings made for residents: the share, less what such bookings took. */
export function heldBack(slot: Slot, nowMs: number): number {
  if (nowMs >= at(slot.times.releaseAt)) return 0;
  const assistedTaken = slot.booked - slot.selfBooked;
  return Math.max(0, Math.min(slot.seats - slot.selfCap - assistedTaken, slot.seats - slot.booked));
}

export function toSlotView(slot: Slot, assisted: boolean, nowMs: number, mine: SlotView['mine']): SlotView {
  return {
    id: slot.id,
    serviceId: slot.serviceId,
    serviceName: slot.serviceName,
    place: slot.place,
    start: slot.start,
    end: slot.end,
    allocation: slot.rules.allocation,
    state: slotState(slot, assisted, nowMs),
    seats: slot.seats,
    booked: slot.booked,
    seatsLeft: slot.phase === 'applying' ? 0 : seatsLeft(slot, assisted, nowMs),
    heldBack: heldBack(slot, nowMs),
    waiting: slot.waiting,
    applicants: slot.applicants,
    opensAt: slot.times.opensAt,
    closesAt: slot.times.closesAt,
    cancelBy: slot.times.cancelBy,
    ballotClosesAt: slot.times.ballotClosesAt,
    releaseAt: slot.selfCap < slot.seats ? slot.times.releaseAt : null,
    note: slot.note,
    mine,
  };
}

export const toBookingView = (b: Booking, waitPosition: number | null): BookingView => {
  const { waitKey: _waitKey, version: _version, ...rest } = b;
  return { ...rest, waitPosition: b.status === 'waiting' ? waitPosition : null };
};

export const bookingIdOf = (slotId: string, residentId: string): string => `${slotId}.${residentId}`;

export function parseBookingId(id: string): { slotId: string; residentId: string } {
  const [serviceId, stamp, residentId] = id.split('.');
  return { slotId: `${serviceId}.${stamp}`, residentId };
}

const CHANNEL_NOTE: Record<Channel, (name: string) => string | null> = {
  self: () => null,
  grid_worker: (name) => `由网格员${name}代为预约,居民已同意`,
  desk: (name) => `在社区服务台由${name}代为预约,居民已同意`,
};

export interface NewBookingInput {
  slot: Slot;
  resident: Pick<User, 'id' | 'name'> & { home: { gridId: string } };
  channel: Channel;
  booker: Pick<User, 'id' | 'name'> | null;
  action: Extract<BookingAction, 'book' | 'apply' | 'wait'>;
  nowIso: string;
  /** A ballot ticket and the weight it is drawn with (no-show standing at the moment of applying). */
  ticket: string | null;
  weight: 1 | 2;
  waitKey: string | null;
  /** A released booking of the same slot and resident: its history and version carry on. */
  existing: Booking | null;
}

/** A booking, application or waiting-list place of a resident on a slot. Pure. */
export function newBooking(i: NewBookingInput): Booking {
  const base: Booking = i.existing ?? {
    id: bookingIdOf(i.slot.id, i.resident.id),
    slotId: i.slot.id,
    serviceId: i.slot.serviceId,
    serviceName: i.slot.serviceName,
    communityId: i.slot.communityId,
    place: i.slot.place,
    start: i.slot.start,
    end: i.slot.end,
    residentId: i.resident.id,
    residentName: i.resident.name,
    gridId: i.resident.home.gridId,
    status: 'cancelled',
    channel: i.channel,
    bookedBy: null,
    ticket: null,
    weight: 2,
    drawRank: null,
    waitKey: null,
    offerUntil: null,
    remindedAt: null,
    excused: false,
    history: [],
    createdAt: i.nowIso,
    updatedAt: i.nowIso,
    version: 0,
  };
  return moveTo(base, i.action, i.nowIso, CHANNEL_NOTE[i.channel](i.booker?.name ?? ''), {
    channel: i.channel,
    bookedBy: i.booker ? { userId: i.booker.id, name: i.booker.name, consentAt: i.nowIso } : null,
    place: i.slot.place,
    start: i.slot.start,
    end: i.slot.end,
    ticket: i.ticket,
    weight: i.weight,
    drawRank: null,
    waitKey: i.waitKey,
    offerUntil: null,
    remindedAt: null,
    excused: false,
  });
}
