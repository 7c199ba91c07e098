import type { Category, Place } from '../shared/schemas/places';
import type { Team, TeamKind } from '../shared/schemas/teams';
import type { Role, User } from '../shared/schemas/users';

/**
 * Demo data after the seed reports: 古城社区 (seed 000) with its 5 grids, a neighbouring community, a
 * skills registry 能人库 with an electrician (seed 002), the 乐修匠 repair volunteers (seed 003), a
 * party-member team and co-building units (the lighting centre of seed 003, the local police station).
 */
const street = (id: string, name: string, order: number): Place =>
  ({ id, name, kind: 'street', streetId: id, communityId: null, gridId: null, order });
const community = (id: string, name: string, streetId: string, order: number): Place =>
  ({ id, name, kind: 'community', streetId, communityId: id, gridId: null, order });
const grid = (id: string, name: string, c: Place, order: number): Place =>
  ({ id, name, kind: 'grid', streetId: c.streetId, communityId: c.id, gridId: id, order });
const building = (id: string, name: string, g: Place, order: number): Place =>
  ({ id, name, kind: 'building', streetId: g.streetId, communityId: g.communityId, gridId: g.id, order });

const beidajie = street('st-beidajie', '北大街街道', 1);
const gaoxin = street('st-gaoxin', '高新区街道', 2);
const gucheng = community('c-gucheng', '古城社区', beidajie.id, 10);
const pingtannao = community('c-pingtannao', '平坦垴社区', gaoxin.id, 20);
const GRID_NAMES = ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格'];
const guchengGrids = GRID_NAMES.map((name, i) => grid(`g-gucheng-${i + 1}`, name, gucheng, 100 + i));
const ptnGrid = grid('g-ptn-1', '第一网格', pingtannao, 200);
const BUILDINGS: [string, string, number][] = [
  ['b-gc-1', '1号楼', 0], ['b-gc-2', '2号楼', 0], ['b-gc-3', '3号楼', 0],
  ['b-gc-6', '6号楼', 1], ['b-gc-7', '7号楼', 1],
  ['b-gc-12', '12号楼', 2], ['b-gc-east', '东区排房', 2],
  ['b-gc-20', '20号楼', 3], ['b-gc-west', '西区排房', 3],
  ['b-gc-33', '33号楼', 4], ['b-gc-39', '39号楼', 4],
];

export const PLACES: Place[] = [
  beidajie, gaoxin, gucheng, pingtannao, ...guchengGrids, ptnGrid,
  ...BUILDINGS.map(([id, name, g], i) => building(id, name, guchengGrids[g], 1000 + i)),
  building('b-ptn-1', '平坦垴1号楼', ptnGrid, 2000),
  building('b-ptn-2', '平坦垴2号楼', ptnGrid, 2001),
];

export const CATEGORIES: Category[] = [
  { id: 'cat-electric', name: '电路照明', skill: 'electrician', order: 1 },
  { id: 'cat-appliance', name: '家电维修', skill: 'appliance_repair', order: 2 },
  { id: 'cat-plumbing', name: '水管疏通', skill: 'plumbing', order: 3 },
  { id: 'cat-lock', name: '门锁维修', skill: 'locksmith', order: 4 },
  { id: 'cat-visit', name: '探访陪伴', skill: 'visiting', order: 5 },
  { id: 'cat-public-light', name: '公共照明', skill: 'public_lighting', order: 6 },
  { id: 'cat-safety', name: '安全隐患', skill: 'safety', order: 7 },
  { id: 'cat-other', name: '其他', skill: null, order: 99 },
];

const home = (buildingId: string, flat: string): User['home'] => {
  const b = PLACES.find((p) => p.id === buildingId)!;
  return { streetId: b.streetId, communityId: b.communityId!, gridId: b.gridId!, buildingId, flat };
};
const CREATED = '2026-10-01T08:00:00.000Z';
const user = (id: string, name: string, roles: Role[], extra: Partial<User> = {}): User => ({
  id, name, roles, phone: null, home: null, gridIds: [], staffCommunityIds: [], teamIds: [], skills: [], birthYear: null,
  onboarded: true, verified: true, verifiedBy: null, wechatOpenId: null, demo: true, createdAt: CREATED, version: 0, ...extra,
});

export const USERS: User[] = [
  user('u-res-wang', '王秀英', ['resident'], { phone: '13800000001', home: home('b-gc-3', '2单元302'), birthYear: 1948 }),
  user('u-res-li', '李建国', ['resident'], { phone: '13800000002', home: home('b-gc-1', '1单元101'), birthYear: 1961 }),
  user('u-res-zhao', '赵敏', ['resident'], { phone: '13800000003', home: home('b-gc-6', '3单元501'), birthYear: 1990 }),
  user('u-res-ptn', '孙桂兰', ['resident'], { phone: '13800000004', home: home('b-ptn-1', '1单元201'), birthYear: 1953 }),
  user('u-vol-zhang', '张师傅', ['volunteer', 'resident'], {
    phone: '13900000001', home: home('b-gc-2', '2单元101'), teamIds: ['t-gc-nengren'], skills: ['electrician'],
  }),
  user('u-vol-liu', '刘建军', ['volunteer', 'resident'], {
    phone: '13900000002', home: home('b-gc-7', '1单元402'), teamIds: ['t-gc-nengren', 't-gc-hongmao'], skills: ['plumbing', 'locksmith'],
  }),
  user('u-vol-chen', '陈师傅', ['volunteer'], { phone: '13900000003', teamIds: ['t-gc-lexiujiang'], skills: ['appliance_repair'] }),
  user('u-vol-he', '何伟', ['volunteer'], { phone: '13900000004', teamIds: ['t-gc-lexiujiang'], skills: ['appliance_repair', 'electrician'] }),
  user('u-vol-ma', '马大姐', ['volunteer', 'resident'], {
    phone: '13900000005', home: home('b-gc-12', '3单元202'), teamIds: ['t-gc-hongmao'], skills: ['visiting'],
  }),
  user('u-vol-wu', '吴工', ['volunteer'], { phone: '13900000006', teamIds: ['t-gc-lighting'], skills: ['public_lighting'] }),
  user('u-vol-yang', '杨警官', ['volunteer'], { phone: '13900000007', teamIds: ['t-gc-police'], skills: ['safety'] }),
  user('u-vol-qian', '钱师傅', ['volunteer'], { phone: '13900000008', teamIds: ['t-ptn-nengren'], skills: ['electrician', 'appliance_repair'] }),
  user('u-grid-sun', '孙丽', ['gridWorker'], { phone: '13700000001', gridIds: ['g-gucheng-1', 'g-gucheng-2'] }),
  user('u-grid-zhou', '周磊', ['gridWorker'], { phone: '13700000002', gridIds: ['g-gucheng-3', 'g-gucheng-4', 'g-gucheng-5'] }),
  user('u-grid-ptn', '郑洁', ['gridWorker'], { phone: '13700000003', gridIds: ['g-ptn-1'] }),
  user('u-staff-guo', '郭书记', ['staff'], { phone: '13600000001', staffCommunityIds: ['c-gucheng'] }),
  user('u-staff-ptn', '冯主任', ['staff'], { phone: '13600000002', staffCommunityIds: ['c-pingtannao'] }),
  user('u-admin', '系统管理员', ['admin']),
];

const team = (id: string, name: string, kind: TeamKind, communityId: string, skills: string[], lead: string): Team => ({
  id, name, kind, communityId, skills,
  members: USERS.filter((u) => u.teamIds.includes(id)).map((u) => ({
    userId: u.id, name: u.name, role: u.id === lead ? 'lead' : 'member', skills: u.skills,
  })),
});

export const TEAMS: Team[] = [
  team('t-gc-nengren', '古城能人库', 'skills_registry', 'c-gucheng', ['electrician', 'plumbing', 'locksmith'], 'u-vol-zhang'),
  team('t-gc-lexiujiang', '乐修匠维修队', 'volunteer_team', 'c-gucheng', ['appliance_repair', 'electrician'], 'u-vol-chen'),
  team('t-gc-hongmao', '红帽党员志愿队', 'party_team', 'c-gucheng', ['visiting'], 'u-vol-liu'),
  team('t-gc-lighting', '城市照明管护中心', 'co_building_unit', 'c-gucheng', ['public_lighting'], 'u-vol-wu'),
  team('t-gc-police', '古城派出所', 'co_building_unit', 'c-gucheng', ['safety'], 'u-vol-yang'),
  team('t-ptn-nengren', '平坦垴能人库', 'skills_registry', 'c-pingtannao', ['electrician', 'appliance_repair'], 'u-vol-qian'),
];

/** Demo wishes at different points of their life, so every screen has something to show. */
export interface DemoWish {
  id: string;
  ownerId: string;
  category: string;
  buildingId: string;
  description: string;
  at: string;
  /** Actions after submission, each by a user, with its body. */
  then: { action: 'claim' | 'start' | 'complete' | 'confirm'; by: string; body: Record<string, unknown> }[];
}

export const DEMO_WISHES: DemoWish[] = [
  {
    id: 'w-demo-fan', ownerId: 'u-res-wang', category: 'cat-appliance', buildingId: 'b-gc-3',
    description: '厨房的老抽油烟机坏了,一开就响,想请师傅帮忙换个新的。', at: '2026-11-02T09:00:00.000Z',
    then: [
      { action: 'claim', by: 'u-vol-chen', body: {} },
      { action: 'start', by: 'u-vol-chen', body: {} },
      { action: 'complete', by: 'u-vol-chen', body: { note: '已换新油烟机,试机正常' } },
      { action: 'confirm', by: 'u-res-wang', body: { rating: 5, comment: '陈师傅手艺好,谢谢乐修匠!', wall: 'full' } },
    ],
  },
  {
    id: 'w-demo-lamp', ownerId: 'u-res-li', category: 'cat-electric', buildingId: 'b-gc-1',
    description: '家里客厅的灯不亮了,换了灯泡也不行,可能是线路问题。', at: '2026-11-20T10:30:00.000Z', then: [],
  },
  {
    id: 'w-demo-stairs', ownerId: 'u-res-zhao', category: 'cat-other', buildingId: 'b-gc-6',
    description: '楼道里堆了很多杂物,老人上下楼不方便,也有消防隐患。', at: '2026-11-21T16:00:00.000Z', then: [],
  },
];
