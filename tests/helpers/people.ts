import { getPlace } from '../../functions/data/places';
import { getTeam, putTeam } from '../../functions/data/teams';
import { getUser, putUser } from '../../functions/data/users';

/** Adds n demo volunteers (electricians) to a team, so n different people can race or poll at once. */
export async function addVolunteers(n: number, teamId: string, prefix = 'u-vol-extra'): Promise<string[]> {
  const template = (await getUser('u-vol-zhang'))!;
  const team = (await getTeam(teamId))!;
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await Promise.all(ids.map((id, i) => putUser({ ...template, id, name: `志愿者${i}`, home: null, teamIds: [teamId] })));
  await putTeam({
    ...team,
    members: [
      ...team.members,
      ...ids.map((userId, i) => ({
        userId,
        name: `志愿者${i}`,
        role: 'member' as const,
        skills: ['electrician'],
        hours: { workday: [], restday: [] },
        paused: false,
      })),
    ],
  });
  return ids;
}

/** Adds n verified demo residents of a building (after 李建国 of 1号楼), each with a wish history of their own. */
export async function addResidents(n: number, prefix: string, buildingId = 'b-gc-1', verified = true): Promise<string[]> {
  const template = (await getUser('u-res-li'))!;
  const building =
    buildingId === template.home!.buildingId ? template.home! : { ...template.home!, ...(await placeOf(buildingId)), buildingId };
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await Promise.all(
    ids.map((id, i) =>
      putUser({
        ...template,
        id,
        verified,
        name: `居民${prefix}${i}`,
        phone: `1380013${String(i).padStart(4, '0')}`,
        home: { ...building, flat: `${i + 1}01` },
      }),
    ),
  );
  return ids;
}

async function placeOf(buildingId: string) {
  const place = (await getPlace(buildingId))!;
  return { streetId: place.streetId, communityId: place.communityId!, gridId: place.gridId! };
}
