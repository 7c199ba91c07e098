import { forbidden, invalid, notFound } from '../../shared/errors';
import { applyProfile, type ProfileChange } from '../../shared/domain/residents';
import type { Me, MeUpdateBody, User } from '../../shared/schemas/users';
import { toMe } from './me';
import { phoneNumberFromCode } from '../auth/wechat';
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

/** PATCH /me: saved on the version read; a concurrent change (a verification) is re-read and kept. */
export async function updateProfile(user: User, body: MeUpdateBody): Promise<Me> {
  const change = await changeFrom(user, body);
  return optimistic('update a profile', async (n) => {
    const current = n === 0 ? user : await getUser(user.id);
    if (!current) throw notFound('user');
    const next = applyProfile(current, change);
    await saveUser(next, current.version);
    return toMe({ ...next, version: current.version + 1 });
  });
}
