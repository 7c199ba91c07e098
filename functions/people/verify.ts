import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import { managesResident, residentView, verifiedBy } from '../../shared/domain/residents';
import type { Resident, User } from '../../shared/schemas/users';
import { auditPut } from '../data/audit';
import { db } from '../data/db';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getUser, userPutIfUnchanged } from '../data/users';

/**
 * A grid worker (or staff member) confirms a resident of their place. Saved on the version read, so a
 * resident who changes their home meanwhile stays unverified; verifying twice is harmless.
 */
export async function verifyResident(actor: User, residentId: string, now: Date): Promise<Resident> {
  return optimistic('verify a resident', async () => {
    const resident = await getUser(residentId);
    if (!resident?.home || !managesResident(actor, resident)) throw notFound('resident');
    const next = verifiedBy(resident, actor, now.toISOString());
    if (next !== resident) {
      // The verification and its audit entry (who, where; not the flat or the phone) in one transaction.
      const audit = auditPut(
        {
          action: 'user.verify',
          actorId: actor.id,
          actorName: actor.name,
          subject: { kind: 'user', id: resident.id },
          communityId: resident.home.communityId,
          streetId: resident.home.streetId,
          before: { verified: false, buildingId: resident.home.buildingId },
          after: { verified: true, buildingId: resident.home.buildingId },
        },
        now,
      );
      await db().send(new TransactWriteCommand({ TransactItems: [userPutIfUnchanged(next, resident.version), audit] }));
    }
    const building = await getPlace(resident.home.buildingId);
    return residentView({ ...next, home: resident.home }, building?.name ?? '', actor);
  });
}
