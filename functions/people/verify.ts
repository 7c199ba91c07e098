import { notFound } from '../../shared/errors';
import { managesResident, residentView, verifiedBy } from '../../shared/domain/residents';
import type { Resident, User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';
import { isConditionFailed, jitter } from '../data/transactions';
import { getUser, saveUser } from '../data/users';

/**
 * A grid worker (or staff member) confirms a resident of their place. Saved on the version read, so a
 * resident who changes their home meanwhile stays unverified; verifying twice is harmless.
 */
export async function verifyResident(actor: User, residentId: string, now: Date): Promise<Resident> {
  for (let attempt = 0; ; attempt++) {
    const resident = await getUser(residentId);
    if (!resident?.home || !managesResident(actor, resident)) throw notFound('resident');
    const next = verifiedBy(resident, actor, now.toISOString());
    try {
      if (next !== resident) await saveUser(next, resident.version);
      const building = await getPlace(resident.home.buildingId);
      return residentView({ ...next, home: resident.home }, building?.name ?? '', actor);
    } catch (error) {
      if (!isConditionFailed(error) || attempt >= 5) throw error;
      await jitter(attempt);
    }
  }
}
