import { residentView } from '../../../shared/domain/residents';
import { PageQuery } from '../../../shared/schemas/common';
import type { ResidentPage } from '../../../shared/schemas/users';
import { getPlace } from '../../data/places';
import { readPage } from '../../data/pagination';
import { residentsOfCommunities, residentsOfGrids } from '../../data/users';
import { route } from '../../http/handler';

/** The residents a grid worker (their grids) or staff member (their community) serves: newcomers to verify first. */
export const handler = route({ roles: ['gridWorker', 'staff'], query: PageQuery }, async ({ user, query }): Promise<ResidentPage> => {
  const staff = user.roles.includes('staff') ? user.staffCommunityIds : [];
  const source = staff.length ? residentsOfCommunities(staff) : residentsOfGrids(user.gridIds);
  const page = await readPage([source], query.cursor, query.limit);
  const buildingIds = [...new Set(page.items.flatMap((u) => (u.home ? [u.home.buildingId] : [])))];
  const buildings = new Map((await Promise.all(buildingIds.map(getPlace))).flatMap((b) => (b ? [[b.id, b.name]] : [])));
  return {
    cursor: page.cursor,
    items: page.items.flatMap((u) => (u.home ? [residentView({ ...u, home: u.home }, buildings.get(u.home.buildingId) ?? '', user)] : [])),
  };
});
