import { readInbox } from '../../functions/data/notifications';
import { getTeam } from '../../functions/data/teams';
import { getUser } from '../../functions/data/users';
import { AuditPage } from '../../shared/schemas/audit';
import { CalendarOverview } from '../../shared/schemas/calendar';
import { CandidateList } from '../../shared/schemas/queue';
import { DEFAULT_SLA, SlaLimits } from '../../shared/schemas/sla';
import { ApplicationPage, Partnership, PartnershipPage } from '../../shared/schemas/teams';
import { Me } from '../../shared/schemas/users';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
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
    expect((await as(STAFF).post('/partnerships', body)).status).toBe(403);
    expect((await as(PTN_STAFF).post('/partnerships', { ...body, gridIds: ['g-ptn-1'] })).status).toBe(400);
    expect((await as(PTN_STAFF).post('/partnerships', { ...body, skills: ['visiting'] })).status).toBe(400);
  });
});

describe('settings are data staff edit: the category → skill table, the calendar, the limits', () => {
  test('a category given a skill routes at once to a team that has it', async () => {
    expect((await as('u-res-li').put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(403);
    expect((await as(STAFF).put('/categories/cat-other', { name: '其他', skill: 'visiting' })).status).toBe(200);
    try {
      expect((await submit(CLUTTER)).wish.teamId).toBe('t-gc-hongmao');
    } finally {
      await as(STAFF).put('/categories/cat-other', { name: '其他', skill: null });
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
  const ROUTES: [method: 'get' | 'post' | 'put' | 'patch', url: string, body: unknown, allowed: Who[]][] = [
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
    // The category table is one for all communities: any community's staff keep it.
    ['put', '/categories/cat-lock', { name: '门锁维修', skill: 'locksmith' }, ['staff', 'otherStaff', 'street', 'admin']],
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
      const res = method === 'get' ? await as(PEOPLE[who]).get(url) : await as(PEOPLE[who])[method](url, body);
      const refused = res.status === 403 || res.status === 404;
      if (refused === allowed.includes(who)) wrong.push(`${who}: ${res.status} ${res.body?.error?.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });
});
