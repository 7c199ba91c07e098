import { forbidden, notFound } from '../../errors';
import type { Booking, Channel } from '../../schemas/bookings';
import type { User } from '../../schemas/users';

/**
 * Who may do what with a booking, judged on the object: the resident, the grid worker of their grid,
 * staff of the community, and the team that provides the service. Someone who may not see a booking
 * gets 404 as if it did not exist; someone who sees it but may not take the action gets 403.
 */
export type Actor = Pick<User, 'id' | 'roles' | 'gridIds' | 'staffCommunityIds' | 'teamIds'>;
type BookingScope = Pick<Booking, 'residentId' | 'gridId' | 'communityId'>;

export interface BookingRelation {
  resident: boolean;
  gridWorker: boolean;
  staff: boolean;
  /** A volunteer of the team that provides the service (checks people in). */
  provider: boolean;
}

export function relationToBooking(actor: Actor, b: BookingScope, teamId: string | null): BookingRelation {
  const has = (role: User['roles'][number]) => actor.roles.includes(role);
  return {
    resident: b.residentId === actor.id,
    gridWorker: has('gridWorker') && actor.gridIds.includes(b.gridId),
    staff: has('staff') && actor.staffCommunityIds.includes(b.communityId),
    provider: has('volunteer') && teamId !== null && actor.teamIds.includes(teamId),
  };
}

export const BOOKING_ACTS = ['view', 'cancel', 'accept', 'decline', 'check_in', 'excuse'] as const;
export type BookingAct = (typeof BOOKING_ACTS)[number];

const manages = (r: BookingRelation) => r.gridWorker || r.staff;

const MAY: Record<BookingAct, (r: BookingRelation) => boolean> = {
  view: (r) => r.resident || manages(r) || r.provider,
  cancel: (r) => r.resident || manages(r),
  accept: (r) => r.resident || manages(r),
  decline: (r) => r.resident || manages(r),
  check_in: (r) => r.provider || r.staff,
  excuse: manages,
};

export function assertMayBooking(act: BookingAct, actor: Actor, b: BookingScope, teamId: string | null): BookingRelation {
  const r = relationToBooking(actor, b, teamId);
  if (!MAY.view(r)) throw notFound('booking');
  if (!MAY[act](r)) throw forbidden(`you may not ${act.replace('_', ' ')} this booking`);
  return r;
}

/** A grid worker or staff member acting for the resident: they must record the resident's consent. */
export const actsForResident = (r: BookingRelation): boolean => !r.resident && manages(r);

/**
 * The channel through which a user books for a resident: staff of the resident's community at the
 * desk, the grid worker of their grid; null when the user may not book for them.
 */
export function channelFor(actor: Actor, resident: Pick<User, 'id' | 'roles' | 'home'>): Channel | null {
  if (!resident.home || !resident.roles.includes('resident')) return null;
  if (actor.roles.includes('staff') && actor.staffCommunityIds.includes(resident.home.communityId)) return 'desk';
  if (actor.roles.includes('gridWorker') && actor.gridIds.includes(resident.home.gridId)) return 'grid_worker';
  return null;
}

/** Staff run their community's services: schedules, slots, rosters, draws. */
export const runsCommunity = (actor: Actor, communityId: string): boolean =>
  actor.roles.includes('staff') && actor.staffCommunityIds.includes(communityId);

/** The team that provides a slot sees its roster and checks people in. */
export const providesFor = (actor: Actor, teamId: string | null): boolean =>
  teamId !== null && actor.roles.includes('volunteer') && actor.teamIds.includes(teamId);
