import { AppError, forbidden, notFound } from '../../shared/errors';
import { channelFor } from '../../shared/domain/booking/access';
import type { Resident } from '../../shared/domain/booking/rules';
import { assertVerifiedMemberOf } from '../../shared/domain/membership';
import type { Channel } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getUser } from '../data/users';

export interface Booker {
  resident: Resident & Pick<User, 'roles' | 'home'>;
  channel: Channel;
  /** The grid worker or staff member booking for the resident; null when residents book for themselves. */
  booker: User | null;
}

/**
 * Whose booking it is: the signed-in resident, or the resident a grid worker (of their grid) or staff member
 * (of their community, at the desk) books for. Decided before the slot is looked at: someone who may not book
 * for that resident (another grid's worker, another community's staff, a resident naming someone else) is
 * answered 404 for the resident whether or not the slot exists, so nobody learns which slots exist that way.
 */
export async function whoBooks(user: User, forResidentId: string | undefined): Promise<Booker> {
  if (!forResidentId || forResidentId === user.id) {
    if (!user.roles.includes('resident')) throw forbidden('name the resident you book for in forResidentId');
    if (!user.home) throw new AppError('PROFILE_INCOMPLETE', 'say where you live (PATCH /me) before booking');
    return { resident: { ...user, home: user.home }, channel: 'self', booker: null };
  }
  const mayBookForOthers = user.roles.some((r) => r === 'gridWorker' || r === 'staff');
  const resident = mayBookForOthers ? await getUser(forResidentId) : null;
  const channel = resident ? channelFor(user, resident) : null;
  if (!resident?.home || !channel) throw notFound('resident');
  return { resident: { ...resident, home: resident.home }, channel, booker: user };
}

/**
 * The slot as the booking sees it: one of the resident's own community (another community's, like a missing
 * one, is a 404), and then only for a resident whose home there is verified (403 NOT_VERIFIED, saying who
 * verifies; for a grid worker or staff booking on behalf, the resident must be verified, not the booker).
 */
export function assertMayBookSlot({ resident, booker }: Booker, slot: Slot | null): asserts slot is Slot {
  if (!slot || resident.home.communityId !== slot.communityId) throw notFound('slot');
  assertVerifiedMemberOf(resident, slot.communityId, booker ? 'resident' : 'own');
}
