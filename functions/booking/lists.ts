import { forbidden, invalid, notFound } from '../../shared/errors';
import { channelFor, providesFor, runsCommunity } from '../../shared/domain/booking/access';
import { addDays, beijingDate, datesBetween } from '../../shared/domain/beijing-time';
import { toSlotView } from '../../shared/domain/booking/view';
import type { BookingListQuery, BookingPage } from '../../shared/schemas/bookings';
import type { ServiceListQuery, ServicePage } from '../../shared/schemas/services';
import type { RosterQuery, SlotListQuery, SlotPage } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { activeBookingsOf, bookingsMadeBy, bookingsOnSlots, pastBookingsOf, rosterOf } from '../data/booking/bookings';
import { readPage } from '../data/pagination';
import { allServicesOf, servicePage } from '../data/booking/services';
import { getSlot, slotsOfService } from '../data/booking/slots';
import { getTeam } from '../data/teams';
import { getUser } from '../data/users';
import { readableCommunities } from '../auth/scope';
import { viewOf } from './load';
import { visibleService } from './services';

const MAX_DAYS = 31;

/** A service's slots between two Beijing dates, each with the seats the viewer (or the resident they book for) could take. */
export async function listSlots(user: User, serviceId: string, q: SlotListQuery, now: Date): Promise<SlotPage> {
  const service = await visibleService(user, serviceId);
  const today = beijingDate(now.getTime());
  const from = q.from ?? today;
  const to = q.to ?? addDays(today, service.rules.opensDaysAhead + 1);
  const dates = to < from ? [] : datesBetween(from, to);
  if (dates.length > MAX_DAYS) throw invalid('query.to', `at most ${MAX_DAYS} days at once`);
  let residentId = user.roles.includes('resident') ? user.id : null;
  if (q.forResidentId) {
    const resident = await getUser(q.forResidentId);
    if (!resident || !channelFor(user, resident)) throw notFound('resident');
    residentId = resident.id;
  }
  const page = await readPage([slotsOfService([serviceId], dates)], q.cursor, q.limit);
  const mine = residentId
    ? await bookingsOnSlots(
        residentId,
        page.items.map((s) => s.id),
      )
    : new Map();
  return {
    cursor: page.cursor,
    items: page.items.map((s) => {
      const b = mine.get(s.id);
      return toSlotView(s, !!q.forResidentId, now.getTime(), b ? { bookingId: b.id, status: b.status } : null);
    }),
  };
}

/** The day's slots of the services a volunteer's teams provide, or of a staff member's community. */
export async function roster(user: User, q: RosterQuery, now: Date): Promise<SlotPage> {
  const date = q.date ?? beijingDate(now.getTime());
  const staffOf = user.roles.includes('staff') ? user.staffCommunityIds : [];
  const teams = user.roles.includes('volunteer') ? (await Promise.all(user.teamIds.map(getTeam))).flatMap((t) => (t ? [t] : [])) : [];
  const communities = [...new Set([...staffOf, ...teams.map((t) => t.communityId)])];
  const services = (await Promise.all(communities.map(allServicesOf)))
    .flat()
    .filter((s) => staffOf.includes(s.communityId) || (s.teamId !== null && user.teamIds.includes(s.teamId)));
  const page = await readPage(
    [
      slotsOfService(
        services.map((s) => s.id),
        [date],
      ),
    ],
    q.cursor,
    q.limit,
  );
  return { cursor: page.cursor, items: page.items.map((s) => toSlotView(s, true, now.getTime(), null)) };
}

/** Who is booked on a slot, for its provider and staff: coming first, then who came, offers, the waiting list. */
export async function slotBookings(user: User, slotId: string, q: { cursor?: string; limit?: number }): Promise<BookingPage> {
  const slot = await getSlot(slotId);
  if (!slot || !(runsCommunity(user, slot.communityId) || providesFor(user, slot.teamId))) throw notFound('slot');
  const page = await readPage([rosterOf(slotId)], q.cursor, q.limit);
  return { cursor: page.cursor, items: await Promise.all(page.items.map(viewOf)) };
}

/** A resident's bookings (what is in play first), or those a grid worker or staff member made for residents. */
export async function listBookings(user: User, q: BookingListQuery): Promise<BookingPage> {
  if (q.scope === 'mine' && !user.roles.includes('resident')) throw forbidden('only residents have bookings of their own');
  if (q.scope === 'made' && !user.roles.some((r) => r === 'gridWorker' || r === 'staff'))
    throw forbidden('only grid workers and staff book for residents');
  const sources = q.scope === 'mine' ? [activeBookingsOf(user.id), pastBookingsOf(user.id)] : [bookingsMadeBy(user.id)];
  const page = await readPage(sources, q.cursor, q.limit);
  return { cursor: page.cursor, items: await Promise.all(page.items.map(viewOf)) };
}

/** The bookable services of the user's community (or of one of their communities), in display order; staff also see inactive ones. */
export async function listServices(user: User, query: ServiceListQuery): Promise<ServicePage> {
  const mine = await readableCommunities(user);
  if (query.communityId && !mine.includes(query.communityId)) throw forbidden("a community's services are shown to its own people");
  const page = await servicePage(query.communityId ? [query.communityId] : mine, query.cursor, query.limit);
  return { ...page, items: page.items.filter((s) => s.active || runsCommunity(user, s.communityId)) };
}
