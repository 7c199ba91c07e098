import { notFound } from '../../shared/errors';
import { managesResident, residentView, verifiedBy } from '../../shared/domain/residents';
import type { Resident, User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getUser, saveUser } from '../data/users';

/**
 * A grid worker (or staff member) confirms a resident of their place. Saved on the version read, so a
 * resident who changes their home meanwhile stays unverified; verifying twice is harmless.
 */
export async function verifyResident(actor: User, residentId: string, now: Date): Promise<Resident> {
  return optimistic('verify a resident', async () => {
    const resident = await getUser(residentId);
    if (!resident?.home || !managesResident(actor, resident)) throw notFound('resident');
    const next = verifiedBy(resident, actor, now.toISOString());
    if (next !== resident) await saveUser(next, resident.version);
    const building = await getPlace(resident.home.buildingId);
    return residentView({ ...next, home: resident.home }, building?.name ?? '', actor);
  });
}
