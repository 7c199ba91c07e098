import { forbidden, invalid, notFound } from '../../shared/errors';
import { applyProfile, type ProfileChange } from '../../shared/domain/residents';
import type { Me, MeUpdateBody, User } from '../../shared/schemas/users';
import { toMe } from './me';
import { phoneNumberFromCode } from '../auth/wechat';
import { limits } from '../config';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getUser, saveUser } from '../data/users';

async function changeFrom(user: User, body: MeUpdateBody): Promise<ProfileChange> {
  if (body.home && !user.roles.includes('resident')) throw forbidden('only residents say where they live');
  const building = body.home ? await getPlace(body.home.buildingId) : null;
  if (body.home && (building?.kind !== 'building' || !building.communityId || !building.gridId)) {
    throw invalid('body.home.buildingId', 'no such building; pick one from GET /places');
  }
  const phone = body.phoneCode ? await phoneNumberFromCode(body.phoneCode) : body.phone;
  return {
    name: body.name,
    phone,
    phoneFromWechat: body.phoneCode !== undefined,
    birthYear: body.birthYear,
    home:
      building && body.home
        ? {
            streetId: building.streetId,
            communityId: building.communityId!,
            gridId: building.gridId!,
            buildingId: building.id,
            flat: body.home.flat,
          }
        : undefined,
  };
}

/**
 * PATCH /me: saved on the version read; a concurrent change (a verification) is re-read and kept. A change of
 * home is limited (limits().homeChangesPerMonth in 30 days); it, a new name or birth year, or a typed phone
 * number undoes the verification (a number from WeChat's phone button keeps it).
 */
export async function updateProfile(user: User, body: MeUpdateBody, now: Date): Promise<Me> {
  const change = await changeFrom(user, body);
  const rules = { now: now.toISOString(), homeChangesPerMonth: limits().homeChangesPerMonth };
  return optimistic('update a profile', async (n) => {
    const current = n === 0 ? user : await getUser(user.id);
    if (!current) throw notFound('user');
    const next = applyProfile(current, change, rules);
    await saveUser(next, current.version);
    return toMe({ ...next, version: current.version + 1 });
  });
}
