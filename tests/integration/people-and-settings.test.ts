import { readInbox } from '../../functions/data/notifications';
import { getTeam } from '../../functions/data/teams';
import { getUser } from '../../functions/data/users';
import { getWish } from '../../functions/data/wishes';
import { AuditPage, type AuditEntry } from '../../shared/schemas/audit';
import { CalendarOverview } from '../../shared/schemas/calendar';
import { CategoryList, CategoryView } from '../../shared/schemas/places';
import { CandidateList } from '../../shared/schemas/queue';
import { DEFAULT_SLA, SlaLimits, SlaLimitsView } from '../../shared/schemas/sla';
import { ApplicationPage, Partnership, PartnershipPage, Team } from '../../shared/schemas/teams';
import { Me } from '../../shared/schemas/users';
import type { WishDetail } from '../../shared/schemas/wishes';
import { as } from '../helpers/api';
import { addResidents, addVolunteers } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { tickAt } from '../helpers/tick';
import { CLUTTER, GRID_WORKER, LAMP, submit } from '../helpers/wishes';

useDemoTable();

const STAFF = 'u-staff-guo';
const PTN_STAFF = 'u-staff-ptn';
const STREET = 'u-street-li';
const ADMIN = 'u-admin';
const HOURS = { workday: [{ from: '18:00', to: '21:00' }], restday: [{ from: '09:00', to: '12:00' }] };

describe('volunteers join, and say when they are free', () => {
  test('a resident applies; the lead and staff are told; a decline needs a reason; an approval makes a volunteer', async () => {
    const applied = await as('u-res-zhao').post('/teams/t-gc-hongmao/applications', {
      skills: ['visiting'],
      hours: HOURS,
      note: '退休了,白天有空',
    });
    expect(applied.status).toBe(201);
    expect((await as('u-res-zhao').post('/teams/t-gc-hongmao/applications', { skills: ['visiting'], hours: HOURS })).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
    for (const decider of ['u-vol-liu', STAFF])
      expect((await readInbox(decider, true)).items.map((n) => n.title)).toContain('赵敏申请加入红帽党员志愿队');

    expect((await as('u-vol-zhang').get('/teams/t-gc-hongmao/applications')).status).toBe(403);
    const pending = ApplicationPage.parse((await as('u-vol-liu').get('/teams/t-gc-hongmao/applications')).body).items;
    expect(pending.map((a) => [a.userId, a.status])).toContainEqual(['u-res-zhao', 'pending']);
    expect((await as('u-vol-liu').post('/teams/t-gc-hongmao/applications/u-res-zhao/decide', { approve: false })).status).toBe(400);

    expect((await as('u-vol-liu').post('/teams/t-gc-hongmao/applications/u-res-zhao/decide', { approve: true })).status).toBe(200);
    const me = Me.parse((await as('u-res-zhao').get('/me')).body);
    expect(me.roles).toEqual(expect.arrayContaining(['resident', 'volunteer']));
    expect((await getTeam('t-gc-hongmao'))!.members.map((m) => m.userId)).toContain('u-res-zhao');
    expect(ApplicationPage.parse((await as('u-res-zhao').get('/me/applications')).body).items[0]).toMatchObject({
      teamId: 't-gc-hongmao',
      status: 'approved',
    });
    expect((await as('u-vol-liu').post('/teams/t-gc-hongmao/applications/u-res-zhao/decide', { approve: true })).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  test('a resident of another community cannot apply to this one’s team', async () => {
    expect((await as('u-res-ptn').post('/teams/t-gc-hongmao/applications', { skills: ['visiting'], hours: HOURS })).status).toBe(404);
  });

  test('a paused volunteer is passed over by routing, with the reason shown; back from pause, routing uses them again', async () => {
    expect((await as('u-vol-zhang').patch('/me/volunteer', { paused: true })).status).toBe(200);
    try {
      const { wish } = await submit(LAMP);
      expect(wish.teamId).toBe('t-gc-lexiujiang');
      const nengren = CandidateList.parse((await as(GRID_WORKER).get(`/wishes/${wish.id}/candidates`)).body).items.find(
        (c) => c.teamId === 't-gc-nengren',
      )!;
      expect(nengren.eligible).toBe(false);
      expect(nengren.reasons.join(' ')).toMatch(/暂停|无人/);
    } finally {
      expect((await as('u-vol-zhang').patch('/me/volunteer', { paused: false })).status).toBe(200);
    }
    expect((await submit(LAMP)).wish.teamId).toBe('t-gc-nengren');
    expect((await getUser('u-vol-zhang'))!.paused).toBe(false);
  });
});

describe('partner agreements between communities (融合网格)', () => {
  test('offered by A, accepted by B: routing may use A’s team for B’s grid; ended, it may not', async () => {
    const offered = await as(PTN_STAFF).post('/partnerships', {
      teamId: 't-ptn-nengren',
      toCommunityId: 'c-gucheng',
      gridIds: ['g-gucheng-4'],
      skills: ['electrician'],
    });
    expect(offered.status).toBe(201);
    const p = Partnership.parse(offered.body);
    const lamp = { ...LAMP, buildingId: 'b-gc-20' };
    const partnerIn = async () => {
      const { wish } = await submit(lamp, 'u-res-wang');
      return CandidateList.parse((await as(STAFF).get(`/wishes/${wish.id}/candidates`)).body).items.find(
        (c) => c.teamId === 't-ptn-nengren',
      );
    };
    expect(await partnerIn()).toBeUndefined();
    expect((await as(PTN_STAFF).post(`/partnerships/${p.id}/accept`, {})).status).toBe(403);
    expect((await as(STAFF).post(`/partnerships/${p.id}/accept`, {})).status).toBe(200);
    expect(PartnershipPage.parse((await as(STAFF).get('/partnerships')).body).items.map((x) => x.id)).toContain(p.id);
    expect(await partnerIn()).toMatchObject({ reach: 'partner' });
    expect((await as(PTN_STAFF).post(`/partnerships/${p.id}/end`, {})).status).toBe(200);
    expect(await partnerIn()).toBeUndefined();
  });

  test('a team can be offered only by its own staff, to grids of the other community, for skills it has', async () => {
    const body = { teamId: 't-ptn-nengren', toCommunityId: 'c-gucheng', gridIds: ['g-gucheng-4'], skills: ['electrician'] };
    // Another community's team is, for 古城's staff, a team that does not exist.
    const missing = await as(STAFF).post('/partnerships', { ...body, teamId: 'no-such-team' });
    expect(missing.status).toBe(404);
    expect((await as(STAFF).post('/partnerships', body)).body).toEqual(missing.body);
    expect((await as(PTN_STAFF).post('/partnerships', { ...body, gridIds: ['g-ptn-1'] })).status).toBe(400);
    expect((await as(PTN_STAFF).post('/partnerships', { ...body, skills: ['visiting'] })).status).toBe(400);
  });
});

describe('settings are data: the category → skill table, the calendar, the limits', () => {
  test('a category given a skill routes at once to a team that has it: the operator’s default, a community’s own', async () => {
    expect((await as('u-res-li').put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(403);
    // The default is the operator's: one community's staff do not change every community's routing.
    expect((await as(STAFF).put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(403);
    expect((await as(ADMIN).put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(200);
    try {
      expect((await submit(CLUTTER)).wish.teamId).toBe('t-gc-hongmao');
    } finally {
      await as(ADMIN).put('/categories/cat-other', { name: '其他', skill: null });
    }
    expect((await submit(CLUTTER)).wish.teamId).toBeNull();
    expect((await as(STAFF).put('/communities/c-gucheng/categories/cat-other', { skill: 'visiting' })).status).toBe(200);
    try {
      expect((await submit(CLUTTER)).wish.teamId).toBe('t-gc-hongmao');
    } finally {
      await as(STAFF).delete('/communities/c-gucheng/categories/cat-other');
    }
    expect((await submit(CLUTTER)).wish.teamId).toBeNull();
  });

  test('staff are warned while next year is missing; only the operator enters it, bad days are refused, and the change is audited', async () => {
    const now = new Date();
    const next = now.getUTCFullYear() + 1;
    const before = CalendarOverview.parse((await as(GRID_WORKER).get('/calendar')).body);
    if (now.getUTCMonth() >= 10) expect(before.warning).toContain(String(next));
    const year = {
      holidays: [`${next}-01-01`, `${next}-10-01`],
      workdays: [`${next}-10-10`],
      hours: [
        { from: '08:30', to: '12:00' },
        { from: '14:00', to: '17:30' },
      ],
    };
    // The calendar is national: no community's or street's staff may move every clock of every community.
    for (const who of [GRID_WORKER, STAFF, PTN_STAFF, STREET]) expect((await as(who).put(`/calendar/${next}`, year)).status).toBe(403);
    expect((await as(ADMIN).put(`/calendar/${next}`, { ...year, holidays: [`${next + 1}-01-01`] })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await as(ADMIN).put(`/calendar/${next}`, { ...year, workdays: [`${next}-01-01`] })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await as(ADMIN).put(`/calendar/${next}`, year)).status).toBe(200);
    const after = CalendarOverview.parse((await as(GRID_WORKER).get('/calendar')).body);
    expect(after.warning).toBeNull();
    expect(after.years.find((y) => y.year === next)).toMatchObject({
      holidays: year.holidays,
      workdays: year.workdays,
      source: '系统管理员录入',
    });

    const log = AuditPage.parse((await as(ADMIN).get('/audit')).body);
    const entry = log.items.find((e) => e.action === 'calendar.put' && e.subject.id === String(next));
    expect(entry).toMatchObject({
      actorId: ADMIN,
      actorName: '系统管理员',
      before: null,
      after: { holidays: year.holidays, workdays: year.workdays },
    });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
    expect((await as(STAFF).get('/audit')).status).toBe(403);
  });

  test('the street sets the limits; a new wish is clocked by them; nonsense is refused', async () => {
    expect(SlaLimits.parse((await as(GRID_WORKER).get('/sla-limits')).body)).toEqual(DEFAULT_SLA);
    const faster = { ...DEFAULT_SLA, route: { ...DEFAULT_SLA.route, urgent: { amount: 5, unit: 'calendar_minutes' } } };
    expect((await as(STAFF).put('/sla-limits', faster)).status).toBe(403);
    expect((await as(STREET).put('/sla-limits', { ...faster, yellowShare: 2 })).body.error.code).toBe('VALIDATION_FAILED');
    // A limit the working-day calendar cannot count (it holds a year ahead) would fail every new wish of the street.
    const forever = { ...DEFAULT_SLA, done: { ...DEFAULT_SLA.done, normal: { amount: 1000, unit: 'working_days' } } };
    expect((await as(STREET).put('/sla-limits', forever)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await as(STREET).put('/sla-limits', faster)).status).toBe(200);
    try {
      const { wish } = await submit({ ...CLUTTER, urgency: 'urgent' });
      expect(Date.parse(wish.deadline!) - Date.parse(wish.createdAt)).toBe(5 * 60_000);
    } finally {
      await as(STREET).put('/sla-limits', DEFAULT_SLA);
    }
  });
});

/**
 * Who may call each new route at all. Those outside get 403 (or 404 where even the thing's existence is
 * not theirs to know); those inside get past the door (their own request may still be refused for its content).
 */
describe('the door of every new route', () => {
  const PEOPLE = {
    resident: 'u-res-li',
    volunteer: 'u-vol-zhang',
    lead: 'u-vol-liu',
    gridWorker: GRID_WORKER,
    staff: STAFF,
    otherStaff: PTN_STAFF,
    street: STREET,
    admin: 'u-admin',
  } as const;
  type Who = keyof typeof PEOPLE;
  const ALL = Object.keys(PEOPLE) as Who[];
  const ROUTES: [method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, body: unknown, allowed: Who[]][] = [
    ['get', '/teams/directory', undefined, ALL],
    ['get', '/me/applications', undefined, ALL],
    [
      'post',
      '/teams',
      {
        communityId: 'c-gucheng',
        name: '新队',
        kind: 'volunteer_team',
        skills: ['visiting'],
        gridIds: [],
        leadId: null,
        teamCap: 5,
        memberCap: 2,
      },
      ['staff'],
    ],
    [
      'patch',
      '/teams/t-gc-police',
      { name: '古城派出所', kind: 'co_building_unit', skills: ['safety'], gridIds: [], leadId: 'u-vol-yang', teamCap: 5, memberCap: 2 },
      ['staff'],
    ],
    ['get', '/teams/t-gc-hongmao/applications', undefined, ['lead', 'staff']],
    ['post', '/teams/t-gc-hongmao/applications/u-res-wang/decide', { approve: false, reason: '名额已满' }, ['lead', 'staff']],
    ['patch', '/me/volunteer', { hours: HOURS }, ['volunteer', 'lead']],
    ['get', '/partnerships', undefined, ['staff', 'otherStaff']],
    // The default table is the operator's; a community's own skills are its staff's (another's: 404 as missing).
    ['put', '/categories/cat-lock', { name: '门锁维修', skill: 'locksmith' }, ['admin']],
    ['put', '/communities/c-gucheng/categories/cat-lock', { skill: 'locksmith' }, ['staff']],
    ['delete', '/communities/c-gucheng/categories/cat-lock', undefined, ['staff']],
    ['get', '/calendar', undefined, ['gridWorker', 'staff', 'otherStaff', 'street', 'admin']],
    ['get', '/sla-limits', undefined, ['gridWorker', 'staff', 'otherStaff', 'street', 'admin']],
    ['put', '/sla-limits', DEFAULT_SLA, ['street', 'admin']],
    ['get', '/triage', undefined, ['gridWorker', 'staff', 'otherStaff', 'street']],
    ['get', '/wishes/similar?buildingId=b-gc-1&category=cat-electric', undefined, ['resident', 'volunteer', 'lead']],
  ];

  beforeAll(async () => {
    expect((await as('u-res-wang').post('/teams/t-gc-hongmao/applications', { skills: ['visiting'], hours: HOURS })).status).toBe(201);
  });

  test.each(ROUTES)('%s %s', async (method, url, body, allowed) => {
    const wrong: string[] = [];
    for (const who of ALL) {
      const res = method === 'get' || method === 'delete' ? await as(PEOPLE[who])[method](url) : await as(PEOPLE[who])[method](url, body);
      const refused = res.status === 403 || res.status === 404;
      if (refused === allowed.includes(who)) wrong.push(`${who}: ${res.status} ${res.body?.error?.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Settings have owners and a history; ending things ends access; an object outside one's scope is a missing one.
 * 郭书记 is staff of 古城 (北大街街道, 李科长's street); 冯主任 of 平坦垴 (高新区街道, no street staff in the demo).
 */
const QIAN = 'u-vol-qian';
const ZHOU = 'u-grid-zhou';

/** The audit log as someone reads it (first page, newest first). */
const auditOf = async (userId: string): Promise<AuditEntry[]> => AuditPage.parse((await as(userId).get('/audit')).body).items;
const entry = (log: AuditEntry[], action: AuditEntry['action'], subjectId: string) =>
  log.find((e) => e.action === action && e.subject.id === subjectId);

/** The answer for something that does not exist, to compare an out-of-scope answer with, status and body. */
const same = (res: { status: number; body: unknown }, missing: { status: number; body: unknown }) => {
  expect(missing.status).toBe(404);
  expect({ status: res.status, body: res.body }).toEqual({ status: missing.status, body: missing.body });
};

describe('the category → skill table: a default the operator keeps, and each community’s own', () => {
  test('another community’s staff cannot change 古城’s skills: 404 exactly as a missing category; nobody but the operator edits the default', async () => {
    same(
      await as(PTN_STAFF).put('/communities/c-gucheng/categories/cat-other', { skill: 'visiting' }),
      await as(PTN_STAFF).put('/communities/c-pingtannao/categories/no-such-category', { skill: 'visiting' }),
    );
    same(
      await as(PTN_STAFF).delete('/communities/c-gucheng/categories/cat-other'),
      await as(STAFF).delete('/communities/c-gucheng/categories/nope'),
    );
    for (const who of [STAFF, PTN_STAFF, STREET])
      expect((await as(who).put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(403);
    expect((await as(STREET).put('/communities/c-gucheng/categories/cat-other', { skill: 'visiting' })).status).toBe(403);
    expect(CategoryList.parse((await as(STAFF).get('/categories')).body).items.find((c) => c.id === 'cat-other')).toMatchObject({
      skill: null,
      overridden: false,
    });
  });

  test('郭书记’s own skill routes 古城’s wishes and not 平坦垴’s; GET /categories shows each community its own; audited with before and after', async () => {
    const set = await as(STAFF).put('/communities/c-gucheng/categories/cat-other', { skill: 'visiting' });
    expect(set.status).toBe(200);
    expect(CategoryView.parse(set.body)).toMatchObject({ id: 'cat-other', skill: 'visiting', defaultSkill: null, overridden: true });

    expect((await submit(CLUTTER)).wish.teamId).toBe('t-gc-hongmao');
    const ptn = await submit({ ...CLUTTER, buildingId: 'b-ptn-1' }, 'u-res-ptn');
    expect(ptn.wish.teamId).toBeNull();

    const gucheng = CategoryList.parse((await as('u-grid-sun').get('/categories')).body);
    expect(gucheng.communityId).toBe('c-gucheng');
    expect(gucheng.items.find((c) => c.id === 'cat-other')).toMatchObject({ skill: 'visiting', defaultSkill: null, overridden: true });
    const pingtannao = CategoryList.parse((await as(PTN_STAFF).get('/categories')).body);
    expect(pingtannao.items.find((c) => c.id === 'cat-other')).toMatchObject({ skill: null, overridden: false });
    expect((await as(PTN_STAFF).get('/categories?communityId=c-gucheng')).status).toBe(404);

    const log = await auditOf(STREET);
    expect(entry(log, 'category.skill', 'cat-other')).toMatchObject({
      actorId: STAFF,
      actorName: '郭书记',
      communityId: 'c-gucheng',
      streetId: 'st-beidajie',
      before: { skill: null, overridden: false },
      after: { skill: 'visiting', overridden: true },
    });

    // Back to the operator's default: 古城's wishes of the category wait for a person again.
    expect((await as(STAFF).delete('/communities/c-gucheng/categories/cat-other')).body).toMatchObject({ skill: null, overridden: false });
    expect((await submit(CLUTTER)).wish.teamId).toBeNull();
    expect((await auditOf(STREET))[0]).toMatchObject({
      action: 'category.skill',
      before: { skill: 'visiting', overridden: true },
      after: { skill: null, overridden: false },
    });
  });

  test('the operator changes the default for every community that has not chosen its own, audited', async () => {
    expect((await as(STAFF).put('/communities/c-gucheng/categories/cat-lock', { skill: 'locksmith' })).status).toBe(200);
    expect((await as(ADMIN).put('/categories/cat-lock', { name: '门锁维修', skill: 'electrician' })).status).toBe(200);
    try {
      const lock = { ...LAMP, category: 'cat-lock' };
      // 古城 kept its own (locksmith: 古城能人库); 平坦垴 follows the default (electrician: its own 能人库).
      expect((await submit(lock)).wish.teamId).toBe('t-gc-nengren');
      expect((await submit({ ...lock, buildingId: 'b-ptn-1' }, 'u-res-ptn')).wish.teamId).toBe('t-ptn-nengren');
      expect(entry(await auditOf(ADMIN), 'category.skill', 'cat-lock')).toMatchObject({
        actorId: ADMIN,
        communityId: null,
        before: { name: '门锁维修', skill: 'locksmith' },
        after: { name: '门锁维修', skill: 'electrician' },
      });
    } finally {
      await as(ADMIN).put('/categories/cat-lock', { name: '门锁维修', skill: 'locksmith' });
    }
  });
});

describe('time limits belong to a street, with the operator’s default', () => {
  const urgentIn = async (buildingId: string, owner: string) => {
    const { wish } = await submit({ ...CLUTTER, buildingId, urgency: 'urgent' }, owner);
    return (Date.parse(wish.deadline!) - Date.parse(wish.createdAt)) / 60_000;
  };
  const faster = { ...DEFAULT_SLA, route: { ...DEFAULT_SLA.route, urgent: { amount: 5, unit: 'calendar_minutes' } } };
  const slower = { ...DEFAULT_SLA, route: { ...DEFAULT_SLA.route, urgent: { amount: 20, unit: 'calendar_minutes' } } };

  test('community staff and the calendar: 403; another street’s limits: 404 as a street that does not exist', async () => {
    for (const who of [STAFF, PTN_STAFF]) expect((await as(who).put('/sla-limits', faster)).status).toBe(403);
    expect(
      (await as(PTN_STAFF).put('/calendar/2030', { holidays: [], workdays: [], hours: [{ from: '09:00', to: '17:00' }] })).status,
    ).toBe(403);
    same(
      await as(STREET).put('/sla-limits?streetId=st-gaoxin', faster),
      await as(STREET).put('/sla-limits?streetId=no-such-street', faster),
    );
    same(await as(PTN_STAFF).get('/sla-limits?streetId=st-beidajie'), await as(PTN_STAFF).get('/sla-limits?streetId=no-such-street'));
  });

  test('北大街’s limits clock 北大街’s new wishes only; the default applies elsewhere; each change is audited', async () => {
    const set = await as(STREET).put('/sla-limits', faster);
    expect(set.status).toBe(200);
    expect(SlaLimitsView.parse(set.body)).toMatchObject({ streetId: 'st-beidajie', streetName: '北大街街道', source: 'street' });
    const admin = await as(ADMIN).put('/sla-limits', slower);
    expect(SlaLimitsView.parse(admin.body)).toMatchObject({ streetId: null, source: 'default' });
    try {
      expect(await urgentIn('b-gc-1', 'u-res-li')).toBe(5);
      expect(await urgentIn('b-ptn-1', 'u-res-ptn')).toBe(20);
      expect(SlaLimitsView.parse((await as('u-grid-sun').get('/sla-limits')).body)).toMatchObject({
        streetId: 'st-beidajie',
        source: 'street',
        route: { urgent: { amount: 5 } },
      });
      expect(SlaLimitsView.parse((await as(PTN_STAFF).get('/sla-limits')).body)).toMatchObject({
        streetId: 'st-gaoxin',
        source: 'default',
        route: { urgent: { amount: 20 } },
      });

      const street = entry(await auditOf(STREET), 'sla.put', 'st-beidajie');
      expect(street).toMatchObject({
        actorId: STREET,
        streetId: 'st-beidajie',
        before: { limits: { route: { urgent: { amount: 10 } } } },
        after: { source: 'street', limits: { route: { urgent: { amount: 5 } } } },
      });
      // The default is the operator's: in their log, not in a street's.
      expect(entry(await auditOf(ADMIN), 'sla.put', 'default')).toMatchObject({ actorId: ADMIN, streetId: null });
      expect(entry(await auditOf(STREET), 'sla.put', 'default')).toBeUndefined();
    } finally {
      await as(ADMIN).put('/sla-limits', DEFAULT_SLA);
      await as(STREET).put('/sla-limits', DEFAULT_SLA);
    }
  });
});

describe('teams, agreements, verification and sessions leave an audit entry', () => {
  test('a team changed, a member approved, a resident verified, a member’s sessions ended', async () => {
    const before = (await getTeam('t-gc-police'))!;
    const police = {
      name: '古城派出所',
      kind: 'co_building_unit',
      skills: ['safety'],
      gridIds: [],
      leadId: 'u-vol-yang',
      teamCap: 6,
      memberCap: 2,
    };
    expect((await as(STAFF).patch('/teams/t-gc-police', police)).status).toBe(200);

    const [joiner] = await addResidents(1, 'r-audit-join');
    const hours = { workday: [{ from: '18:00', to: '21:00' }], restday: [] };
    expect((await as(joiner).post('/teams/t-gc-hongmao/applications', { skills: ['visiting'], hours })).status).toBe(201);
    expect((await as('u-vol-liu').post(`/teams/t-gc-hongmao/applications/${joiner}/decide`, { approve: true })).status).toBe(200);

    const [unverified] = await addResidents(1, 'r-audit-unverified', 'b-gc-1', false);
    expect((await as('u-grid-sun').post(`/residents/${unverified}/verify`, {})).status).toBe(200);

    const [leaving] = await addResidents(1, 'r-audit-sessions');
    expect((await as(STAFF).post(`/users/${leaving}/sign-out`, {})).status).toBe(200);

    const log = await auditOf(STREET);
    expect(entry(log, 'team.update', 't-gc-police')).toMatchObject({
      actorId: STAFF,
      communityId: 'c-gucheng',
      before: { teamCap: before.teamCap },
      after: { teamCap: 6, leadId: 'u-vol-yang' },
    });
    expect(entry(log, 'team.member.add', 't-gc-hongmao')).toMatchObject({ actorId: 'u-vol-liu', before: null, after: { userId: joiner } });
    expect(entry(log, 'user.verify', unverified)).toMatchObject({
      actorId: 'u-grid-sun',
      before: { verified: false },
      after: { verified: true },
    });
    expect(entry(log, 'user.sessions.end', leaving)).toMatchObject({
      actorId: STAFF,
      communityId: 'c-gucheng',
      before: { tokensValidAfter: null },
    });
  });
});

describe('ending a partner agreement ends the partner team’s access', () => {
  const APPLIANCE = { description: '冰箱不制冷了,家里老人一个人', category: 'cat-appliance', buildingId: 'b-gc-33' };
  /** A wish of 古城's fifth grid handed to 平坦垴能人库 under the seeded agreement (by hand: 乐修匠 ranks first). */
  const routedToPartner = async (): Promise<string> => {
    const { wish } = await submit(APPLIANCE, 'u-res-wang');
    const routed = await as(ZHOU).post(`/wishes/${wish.id}/route`, { teamId: 't-ptn-nengren', reason: '乐修匠人手紧,请协作社区帮忙' });
    expect(routed.status).toBe(200);
    return wish.id;
  };

  test('unclaimed: back to triage with the reason, and gone for the partner volunteer; held: told to the grid worker, and never back to the partner', async () => {
    const waiting = await routedToPartner();
    const held = await routedToPartner();
    const lapsing = await routedToPartner();
    for (const id of [held, lapsing]) expect((await as(QIAN).post(`/wishes/${id}/claim`, {})).status).toBe(200);
    expect((await as(QIAN).get(`/wishes/${waiting}`)).status).toBe(200);

    const ended = await as(PTN_STAFF).post('/partnerships/p-ptn-gucheng-5/end', {});
    expect(ended.status).toBe(200);
    expect(Partnership.parse(ended.body).status).toBe('ended');

    // The partner volunteer: the unclaimed wish, its read and its claim, are as a wish that does not exist.
    same(await as(QIAN).get(`/wishes/${waiting}`), await as(QIAN).get('/wishes/no-such-wish'));
    same(await as(QIAN).post(`/wishes/${waiting}/claim`, {}), await as(QIAN).post('/wishes/no-such-wish/claim', {}));
    const tasks = (await as(QIAN).get('/tasks')).body.items.map((w: { id: string }) => w.id);
    expect(tasks).not.toContain(waiting);

    // Back in the grid worker's triage, with the reason in its timeline, by the system.
    const back = (await as(ZHOU).get<WishDetail>(`/wishes/${waiting}`)).body;
    expect(back.wish).toMatchObject({ status: 'submitted', teamId: null });
    expect(back.timeline.at(-1)).toMatchObject({ action: 'send_back', actorRole: 'system', to: 'submitted' });
    expect(back.timeline.at(-1)!.note).toContain('协作协议已终止');
    expect((await as(ZHOU).get('/triage')).body.items.map((w: { id: string }) => w.id)).toContain(waiting);

    // Held: it stays with the volunteer until done, and the grid worker of its grid is told.
    expect((await getWish(held))!).toMatchObject({ status: 'claimed', claimantId: QIAN });
    const told = (await readInbox(ZHOU, true)).items.filter((n) => n.kind === 'partnership_ended');
    expect(told.map((n) => n.link).sort()).toEqual([held, lapsing].map((id) => `/pages/wish/index?id=${id}`).sort());
    // Released, it goes to triage, not back to the partner team.
    expect((await as(QIAN).post(`/wishes/${held}/release`, { reason: '这周出差' })).status).toBe(200);
    expect((await getWish(held))!).toMatchObject({ status: 'submitted', teamId: null, claimantId: null });
    same(await as(QIAN).get(`/wishes/${held}`), await as(QIAN).get('/wishes/no-such-wish'));
    // Not started in time, the lease runs out: to triage as well (the clock's release, then the system's send-back).
    await tickAt(new Date(Date.now() + 3 * 86_400_000));
    expect((await getWish(lapsing))!).toMatchObject({ status: 'submitted', teamId: null, claimantId: null });
    const lapsed = (await as(ZHOU).get<WishDetail>(`/wishes/${lapsing}`)).body.timeline.map((e) => e.action);
    expect(lapsed.slice(lapsed.indexOf('expire_lease'))).toEqual(['expire_lease', 'send_back']);

    // Both streets' staff read the end: 李科长 (古城's side) a copy, the operator the entry once.
    expect(entry(await auditOf(STREET), 'partnership.end', 'p-ptn-gucheng-5')).toMatchObject({
      actorId: PTN_STAFF,
      communityId: 'c-gucheng',
      streetId: 'st-beidajie',
      before: { status: 'accepted' },
      after: { status: 'ended' },
    });
    expect((await auditOf(ADMIN)).filter((e) => e.action === 'partnership.end' && e.subject.id === 'p-ptn-gucheng-5')).toHaveLength(1);
  });

  test('an offer and its acceptance are audited too', async () => {
    const offered = await as(PTN_STAFF).post('/partnerships', {
      teamId: 't-ptn-nengren',
      toCommunityId: 'c-gucheng',
      gridIds: ['g-gucheng-4'],
      skills: ['electrician'],
    });
    const p = Partnership.parse(offered.body);
    expect((await as(STAFF).post(`/partnerships/${p.id}/accept`, {})).status).toBe(200);
    const log = await auditOf(STREET);
    expect(entry(log, 'partnership.offer', p.id)).toMatchObject({
      actorId: PTN_STAFF,
      communityId: 'c-gucheng',
      after: { status: 'offered' },
    });
    expect(entry(log, 'partnership.accept', p.id)).toMatchObject({
      actorId: STAFF,
      before: { status: 'offered' },
      after: { status: 'accepted' },
    });
  });
});

describe('removing a member from a team', () => {
  test('the lead removes a member: their claim goes back to the team with the reason; they no longer see the team’s wishes; audited', async () => {
    const [member] = await addVolunteers(1, 't-gc-nengren', 'u-vol-leaving');
    const claimed = (await submit()).wish.id;
    const open = (await submit()).wish.id;
    expect((await as(member).post(`/wishes/${claimed}/claim`, {})).status).toBe(200);
    expect((await as(member).get(`/wishes/${open}`)).status).toBe(200);

    // Outside the team's community: as a missing team. Inside, but neither its lead nor staff: 403. No volunteer role: 403.
    same(
      await as(PTN_STAFF).delete(`/teams/t-gc-nengren/members/${member}`),
      await as(PTN_STAFF).delete(`/teams/no-such-team/members/${member}`),
    );
    same(await as(QIAN).delete(`/teams/t-gc-nengren/members/${member}`), await as(QIAN).delete(`/teams/no-such-team/members/${member}`));
    expect((await as('u-vol-chen').delete(`/teams/t-gc-nengren/members/${member}`)).status).toBe(403);
    expect((await as('u-res-li').delete(`/teams/t-gc-nengren/members/${member}`)).status).toBe(403);

    const removed = await as('u-vol-zhang').delete(`/teams/t-gc-nengren/members/${member}`);
    expect(removed.status).toBe(200);
    expect(Team.parse(removed.body).members.map((m) => m.userId)).not.toContain(member);
    expect((await getTeam('t-gc-nengren'))!.members.map((m) => m.userId)).not.toContain(member);

    const released = (await as('u-vol-zhang').get<WishDetail>(`/wishes/${claimed}`)).body;
    expect(released.wish).toMatchObject({ status: 'routed', teamId: 't-gc-nengren', claimantId: null });
    expect(released.timeline.at(-1)).toMatchObject({ action: 'release', actorRole: 'system' });
    expect(released.timeline.at(-1)!.note).toContain('移出');

    for (const id of [claimed, open]) same(await as(member).get(`/wishes/${id}`), await as(member).get('/wishes/no-such-wish'));
    // In no team any more, they are no volunteer either: a claim is refused by role, the same for any wish.
    const claim = await as(member).post(`/wishes/${open}/claim`, {});
    const none = await as(member).post('/wishes/no-such-wish/claim', {});
    expect([claim.status, claim.body]).toEqual([403, none.body]);
    expect((await as(member).get('/tasks')).status).toBe(403);

    expect(entry(await auditOf(STREET), 'team.member.remove', 't-gc-nengren')).toMatchObject({
      actorId: 'u-vol-zhang',
      before: { userId: member },
      after: null,
    });
    // Removed already and holding nothing of the team's: nothing more to do.
    expect((await as('u-vol-zhang').delete(`/teams/t-gc-nengren/members/${member}`)).status).toBe(404);
  });
});

describe('an object outside one’s scope answers exactly as a missing one', () => {
  const TEAM_BODY = {
    name: '古城派出所',
    kind: 'co_building_unit',
    skills: ['safety'],
    gridIds: [],
    leadId: 'u-vol-yang',
    teamCap: 5,
    memberCap: 2,
  };

  test('PATCH /teams/{id}', async () => {
    same(await as(PTN_STAFF).patch('/teams/t-gc-police', TEAM_BODY), await as(PTN_STAFF).patch('/teams/no-such-team', TEAM_BODY));
  });

  test('GET /teams/{id}/applications', async () => {
    for (const who of [PTN_STAFF, QIAN])
      same(await as(who).get('/teams/t-gc-hongmao/applications'), await as(who).get('/teams/no-such-team/applications'));
    // 古城's own volunteer sees the team in the directory: a role that may not read its applications, 403.
    expect((await as('u-vol-chen').get('/teams/t-gc-hongmao/applications')).status).toBe(403);
  });

  test('POST /teams/{id}/applications/{userId}/decide', async () => {
    const no = { approve: false, reason: '名额已满' };
    same(
      await as(PTN_STAFF).post('/teams/t-gc-hongmao/applications/u-res-wang/decide', no),
      await as(PTN_STAFF).post('/teams/no-such-team/applications/u-res-wang/decide', no),
    );
  });

  test('POST /partnerships', async () => {
    const body = { teamId: 't-ptn-nengren', toCommunityId: 'c-gucheng', gridIds: ['g-gucheng-4'], skills: ['electrician'] };
    same(await as(STAFF).post('/partnerships', body), await as(STAFF).post('/partnerships', { ...body, teamId: 'no-such-team' }));
  });
});
