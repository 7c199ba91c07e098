import type { Category, Place } from '../shared/schemas/places';
import type { FreeHours, Partnership, Team, TeamKind } from '../shared/schemas/teams';
import type { Role, User } from '../shared/schemas/users';

/**
 * Demo data after the seed reports: 北大街街道 with 古城社区 (seed 000) and its 5 grids, a neighbouring
 * community that lends its skills registry to 古城's border grid (融合网格), a skills registry 能人库 with an
 * electrician (seed 002), the 乐修匠 repair volunteers (seed 003), a party-member team and co-building
 * units (the lighting centre of seed 003, the local police station).
 */
const street = (id: string, name: string, order: number): Place => ({
  id,
  name,
  kind: 'street',
  streetId: id,
  communityId: null,
  gridId: null,
  order,
  managerIds: [],
});
const community = (id: string, name: string, streetId: string, order: number): Place => ({
  id,
  name,
  kind: 'community',
  streetId,
  communityId: id,
  gridId: null,
  order,
  managerIds: [],
});
const grid = (id: string, name: string, c: Place, order: number): Place => ({
  id,
  name,
  kind: 'grid',
  streetId: c.streetId,
  communityId: c.id,
  gridId: id,
  order,
  managerIds: [],
});
const building = (id: string, name: string, g: Place, order: number): Place => ({
  id,
  name,
  kind: 'building',
  streetId: g.streetId,
  communityId: g.communityId,
  gridId: g.id,
  order,
  managerIds: [],
});

const beidajie = street('st-beidajie', '北大街街道', 1);
const gaoxin = street('st-gaoxin', '高新区街道', 2);
const gucheng = community('c-gucheng', '古城社区', beidajie.id, 10);
const pingtannao = community('c-pingtannao', '平坦垴社区', gaoxin.id, 20);
const GRID_NAMES = ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格'];
const guchengGrids = GRID_NAMES.map((name, i) => grid(`g-gucheng-${i + 1}`, name, gucheng, 100 + i));
const ptnGrid = grid('g-ptn-1', '第一网格', pingtannao, 200);
const BUILDINGS: [string, string, number][] = [
  ['b-gc-1', '1号楼', 0],
  ['b-gc-2', '2号楼', 0],
  ['b-gc-3', '3号楼', 0],
  ['b-gc-6', '6号楼', 1],
  ['b-gc-7', '7号楼', 1],
  ['b-gc-12', '12号楼', 2],
  ['b-gc-east', '东区排房', 2],
  ['b-gc-20', '20号楼', 3],
  ['b-gc-west', '西区排房', 3],
  ['b-gc-33', '33号楼', 4],
  ['b-gc-39', '39号楼', 4],
];

const PLACE_LIST: Place[] = [
  beidajie,
  gaoxin,
  gucheng,
  pingtannao,
  ...guchengGrids,
  ptnGrid,
  ...BUILDINGS.map(([id, name, g], i) => building(id, name, guchengGrids[g], 1000 + i)),
  building('b-ptn-1', '平坦垴1号楼', ptnGrid, 2000),
  building('b-ptn-2', '平坦垴2号楼', ptnGrid, 2001),
];

export const CATEGORIES: Category[] = [
  { id: 'cat-electric', name: '电路照明', skill: 'electrician', order: 1, pickable: true },
  { id: 'cat-appliance', name: '家电维修', skill: 'appliance_repair', order: 2, pickable: true },
  { id: 'cat-plumbing', name: '水管疏通', skill: 'plumbing', order: 3, pickable: true },
  { id: 'cat-lock', name: '门锁维修', skill: 'locksmith', order: 4, pickable: true },
  { id: 'cat-visit', name: '探访陪伴', skill: 'visiting', order: 5, pickable: true },
  { id: 'cat-public-light', name: '公共照明', skill: 'public_lighting', order: 6, pickable: true },
  { id: 'cat-safety', name: '安全隐患', skill: 'safety', order: 7, pickable: true },
  { id: 'cat-other', name: '其他', skill: null, order: 99, pickable: true },
  { id: 'cat-callback', name: '请回电', skill: null, order: 100, pickable: false },
];

const home = (buildingId: string, flat: string): User['home'] => {
  const b = PLACE_LIST.find((p) => p.id === buildingId)!;
  return { streetId: b.streetId, communityId: b.communityId!, gridId: b.gridId!, buildingId, flat };
};
const CREATED = '2026-10-01T08:00:00.000Z';
const NO_HOURS: FreeHours = { workday: [], restday: [] };
const user = (id: string, name: string, roles: Role[], extra: Partial<User> = {}): User => ({
  id,
  name,
  roles,
  phone: null,
  home: null,
  gridIds: [],
  staffCommunityIds: [],
  streetIds: [],
  teamIds: [],
  skills: [],
  hours: NO_HOURS,
  paused: false,
  birthYear: null,
  onboarded: true,
  verified: true,
  verifiedBy: null,
  homeChanges: [],
  showNameOnWall: false,
  wechatOpenId: null,
  tokensValidAfter: null,
  demo: true,
  createdAt: CREATED,
  version: 0,
  ...extra,
});
/** Usual free hours, Beijing time: most volunteers have day jobs; retired ones are free by day. */
const evenings: FreeHours = { workday: [{ from: '18:00', to: '21:30' }], restday: [{ from: '09:00', to: '18:00' }] };
const daytime: FreeHours = { workday: [{ from: '08:00', to: '17:30' }], restday: [{ from: '08:00', to: '12:00' }] };
const office: FreeHours = { workday: [{ from: '08:30', to: '17:30' }], restday: [] };

export const USERS: User[] = [
  user('u-res-wang', '王秀英', ['resident'], { phone: '13800000001', home: home('b-gc-3', '2单元302'), birthYear: 1948 }),
  user('u-res-li', '李建国', ['resident'], { phone: '13800000002', home: home('b-gc-1', '1单元101'), birthYear: 1961 }),
  user('u-res-zhao', '赵敏', ['resident'], { phone: '13800000003', home: home('b-gc-6', '3单元501'), birthYear: 1990 }),
  user('u-res-ptn', '孙桂兰', ['resident'], { phone: '13800000004', home: home('b-ptn-1', '1单元201'), birthYear: 1953 }),
  user('u-vol-zhang', '张师傅', ['volunteer', 'resident'], {
    phone: '13900000001',
    home: home('b-gc-2', '2单元101'),
    teamIds: ['t-gc-nengren'],
    skills: ['electrician'],
    hours: evenings,
    // Agreed to be named on the wall; the other volunteers show as 刘** and so on.
    showNameOnWall: true,
  }),
  user('u-vol-liu', '刘建军', ['volunteer', 'resident'], {
    phone: '13900000002',
    home: home('b-gc-7', '1单元402'),
    teamIds: ['t-gc-nengren', 't-gc-hongmao'],
    skills: ['plumbing', 'locksmith', 'visiting'],
    hours: evenings,
  }),
  user('u-vol-chen', '陈师傅', ['volunteer'], {
    phone: '13900000003',
    teamIds: ['t-gc-lexiujiang'],
    skills: ['appliance_repair'],
    hours: daytime,
  }),
  user('u-vol-he', '何伟', ['volunteer'], {
    phone: '13900000004',
    teamIds: ['t-gc-lexiujiang'],
    skills: ['appliance_repair', 'electrician'],
    hours: evenings,
  }),
  user('u-vol-ma', '马大姐', ['volunteer', 'resident'], {
    phone: '13900000005',
    home: home('b-gc-12', '3单元202'),
    teamIds: ['t-gc-hongmao'],
    skills: ['visiting'],
    hours: daytime,
  }),
  user('u-vol-wu', '吴工', ['volunteer'], { phone: '13900000006', teamIds: ['t-gc-lighting'], skills: ['public_lighting'], hours: office }),
  user('u-vol-yang', '杨警官', ['volunteer'], { phone: '13900000007', teamIds: ['t-gc-police'], skills: ['safety'], hours: office }),
  user('u-vol-qian', '钱师傅', ['volunteer'], {
    phone: '13900000008',
    teamIds: ['t-ptn-nengren'],
    skills: ['electrician', 'appliance_repair'],
    hours: daytime,
  }),
  user('u-grid-sun', '孙丽', ['gridWorker'], { phone: '13700000001', gridIds: ['g-gucheng-1', 'g-gucheng-2'] }),
  user('u-grid-zhou', '周磊', ['gridWorker'], { phone: '13700000002', gridIds: ['g-gucheng-3', 'g-gucheng-4', 'g-gucheng-5'] }),
  user('u-grid-ptn', '郑洁', ['gridWorker'], { phone: '13700000003', gridIds: ['g-ptn-1'] }),
  user('u-staff-guo', '郭书记', ['staff'], { phone: '13600000001', staffCommunityIds: ['c-gucheng'] }),
  user('u-staff-ptn', '冯主任', ['staff'], { phone: '13600000002', staffCommunityIds: ['c-pingtannao'] }),
  user('u-street-li', '李科长', ['streetStaff'], { phone: '13500000001', streetIds: ['st-beidajie'] }),
  user('u-admin', '系统管理员', ['admin']),
];

/** Who runs each place's queue, from the users' scopes. */
const managersOf = (p: Place): string[] =>
  USERS.filter((u) =>
    p.kind === 'grid'
      ? u.gridIds.includes(p.id)
      : p.kind === 'community'
        ? u.staffCommunityIds.includes(p.id)
        : p.kind === 'street'
          ? u.streetIds.includes(p.id)
          : false,
  ).map((u) => u.id);

export const PLACES: Place[] = PLACE_LIST.map((p) => ({ ...p, managerIds: managersOf(p) }));

const team = (
  id: string,
  name: string,
  kind: TeamKind,
  communityId: string,
  skills: string[],
  lead: string,
  extra: Partial<Team> = {},
): Team => ({
  id,
  name,
  kind,
  communityId,
  skills,
  gridIds: [],
  teamCap: 5,
  memberCap: 2,
  version: 0,
  members: USERS.filter((u) => u.teamIds.includes(id)).map((u) => ({
    userId: u.id,
    name: u.name,
    role: u.id === lead ? 'lead' : 'member',
    skills: u.skills,
    hours: u.hours,
    paused: false,
  })),
  ...extra,
});

export const TEAMS: Team[] = [
  team('t-gc-nengren', '古城能人库', 'skills_registry', 'c-gucheng', ['electrician', 'plumbing', 'locksmith'], 'u-vol-zhang', {
    gridIds: guchengGrids.map((g) => g.id),
  }),
  team('t-gc-lexiujiang', '乐修匠维修队', 'volunteer_team', 'c-gucheng', ['appliance_repair', 'electrician'], 'u-vol-chen', {
    teamCap: 10,
  }),
  team('t-gc-hongmao', '红帽党员志愿队', 'party_team', 'c-gucheng', ['visiting'], 'u-vol-liu', {
    gridIds: ['g-gucheng-1', 'g-gucheng-2', 'g-gucheng-3'],
  }),
  team('t-gc-lighting', '城市照明管护中心', 'co_building_unit', 'c-gucheng', ['public_lighting'], 'u-vol-wu'),
  team('t-gc-police', '古城派出所', 'co_building_unit', 'c-gucheng', ['safety'], 'u-vol-yang'),
  team('t-ptn-nengren', '平坦垴能人库', 'skills_registry', 'c-pingtannao', ['electrician', 'appliance_repair'], 'u-vol-qian'),
];

/** 融合网格 (seed 000): 平坦垴 lends its skills registry's appliance repairs to 古城's border grid, and 古城 accepted. */
export const PARTNERSHIPS: Partnership[] = [
  {
    id: 'p-ptn-gucheng-5',
    teamId: 't-ptn-nengren',
    teamName: '平坦垴能人库',
    fromCommunityId: 'c-pingtannao',
    toCommunityId: 'c-gucheng',
    gridIds: ['g-gucheng-5'],
    skills: ['appliance_repair'],
    status: 'accepted',
    offeredBy: { userId: 'u-staff-ptn', name: '冯主任', at: CREATED },
    acceptedBy: { userId: 'u-staff-guo', name: '郭书记', at: CREATED },
    version: 2,
  },
];
