import { residentView } from '../../shared/domain/residents';
import type { PageQuery } from '../../shared/schemas/common';
import type { ResidentPage, User } from '../../shared/schemas/users';
import { readPage } from '../data/pagination';
import { getPlace } from '../data/places';
import { residentsOfCommunities, residentsOfGrids } from '../data/users';

/** The residents a grid worker (their grids) or staff member (their community) serves: newcomers to verify first. */
export async function residentsServedBy(user: User, query: PageQuery): Promise<ResidentPage> {
  const staff = user.roles.includes('staff') ? user.staffCommunityIds : [];
  const source = staff.length ? residentsOfCommunities(staff) : residentsOfGrids(user.gridIds);
  const page = await readPage([source], query.cursor, query.limit);
  const buildingIds = [...new Set(page.items.flatMap((u) => (u.home ? [u.home.buildingId] : [])))];
  const buildings = new Map((await Promise.all(buildingIds.map(getPlace))).flatMap((b) => (b ? [[b.id, b.name]] : [])));
  return {
    cursor: page.cursor,
    items: page.items.flatMap((u) => (u.home ? [residentView({ ...u, home: u.home }, buildings.get(u.home.buildingId) ?? '', user)] : [])),
  };
}
