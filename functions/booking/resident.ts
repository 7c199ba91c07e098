import { AppError, forbidden, notFound } from '../../shared/errors';
import { channelFor } from '../../shared/domain/booking/access';
import type { Resident } from '../../shared/domain/booking/rules';
import type { Channel } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getUser } from '../data/users';

export interface Booker {
  resident: Resident & Pick<User, 'roles'>;
  channel: Channel;
  /** The grid worker or staff member booking for the resident; null when residents book for themselves. */
  booker: User | null;
}

/**
 * Whose booking it is: the signed-in resident, or the resident a grid worker (of their grid) or staff
 * member (of their community, at the desk) books for. A slot of another community does not exist for them.
 */
export async function resolveResident(user: User, forResidentId: string | undefined, slot: Slot): Promise<Booker> {
  if (!forResidentId || forResidentId === user.id) {
    if (!user.roles.includes('resident')) throw forbidden('name the resident you book for in forResidentId');
    if (!user.home) throw new AppError('PROFILE_INCOMPLETE', 'say where you live (PATCH /me) before booking');
    if (user.home.communityId !== slot.communityId) throw notFound('slot');
    return { resident: { ...user, home: user.home }, channel: 'self', booker: null };
  }
  if (!user.roles.some((r) => r === 'gridWorker' || r === 'staff')) throw forbidden('only grid workers and staff book for a resident');
  const resident = await getUser(forResidentId);
  const channel = resident ? channelFor(user, resident) : null;
  if (!resident?.home || !channel) throw notFound('resident');
  if (resident.home.communityId !== slot.communityId) throw notFound('slot');
  return { resident: { ...resident, home: resident.home }, channel, booker: user };
}
