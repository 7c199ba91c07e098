import type { ErrorCode } from '../../shared/errors';
import { beijingMonth } from '../../shared/domain/beijing-time';
import { DEMO_SERVICES } from '../../scripts/demo-booking';
import { createHash } from 'node:crypto';
import { freshCode, witnessSecret, type Fixtures } from './route-access-fixtures';

/**
 * Who may call each route of serverless.yml, written from the issue and docs/roles.md, docs/api.md (not read
 * from the code): for each route, with the demo people, how to call it on a real object of 古城社区, who is let
 * in and with exactly what answer, who is refused for their role (403 FORBIDDEN), and who is out of scope (404,
 * the same body the same caller gets for an object that does not exist). Every person is in exactly one of the
 * three for every route; tests/integration/access/route-access.test.ts runs it over the real middy stack.
 */
export const PEOPLE = {
  /** 李建国, resident of 古城 (1号楼, grid 1): owns the wishes and bookings below. */
  li: 'u-res-li',
  /** 赵敏, resident of 古城 (6号楼, grid 2). */
  zhao: 'u-res-zhao',
  /** 王秀英, resident of 古城 (3号楼, grid 1). */
  wang: 'u-res-wang',
  /** 张师傅: lead of 古城能人库 (to which 李建国's LAMP wishes are routed; it provides the test services); lives in 2号楼. */
  zhang: 'u-vol-zhang',
  /** 陈师傅: lead of 乐修匠, another 古城 team; no home. */
  chen: 'u-vol-chen',
  /** 孙丽, grid worker of grids 1–2. */
  sun: 'u-grid-sun',
  /** 周磊, grid worker of grids 3–5. */
  zhou: 'u-grid-zhou',
  /** 郭书记, staff of 古城. */
  guo: 'u-staff-guo',
  /** 孙桂兰, resident of 平坦垴. */
  guilan: 'u-res-ptn',
  /** 钱师傅, lead of 平坦垴能人库. */
  qian: 'u-vol-qian',
  /** 郑洁, grid worker of 平坦垴. */
  zheng: 'u-grid-ptn',
  /** 冯主任, staff of 平坦垴. */
  feng: 'u-staff-ptn',
  /** 李科长, street staff of 北大街街道 (古城's street; 平坦垴 lies in 高新区街道). */
  street: 'u-street-li',
  /** The operator. */
  admin: 'u-admin',
} as const;
export type Who = keyof typeof PEOPLE;
export const EVERYONE = Object.keys(PEOPLE) as Who[];
/** The people of the other community, for the lists. */
export const OTHER_COMMUNITY: Who[] = ['guilan', 'qian', 'zheng', 'feng'];

const NAMES: Record<Who, string> = {
  li: '李建国',
  zhao: '赵敏',
  wang: '王秀英',
  zhang: '张师傅',
  chen: '陈师傅',
  sun: '孙丽',
  zhou: '周磊',
  guo: '郭书记',
  guilan: '孙桂兰',
  qian: '钱师傅',
  zheng: '郑洁',
  feng: '冯主任',
  street: '李科长',
  admin: '系统管理员',
};

/** A 2xx status, or the status and domain code of an answer that gets past every access check. */
export type Answer = 200 | 201 | `${409 | 403} ${ErrorCode}`;

export interface Call {
  /** The path parameters, by the names serverless.yml gives them. */
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface RouteAccess {
  /** `METHOD /path`, exactly as serverless.yml declares it. */
  route: string;
  /** A route without sign-in (health, sign-in): what a caller without a token gets. Every other route answers 401. */
  anonymous?: Answer;
  /** The call changes what it is made on: each caller who is let in gets a fresh object of their own. */
  fresh?: boolean;
  /** The request `who` makes (`fresh`: on an object of their own). */
  call: (who: Who, f: Fixtures, fresh: boolean) => Call | Promise<Call>;
  /** The same request on an object that does not exist: path parameters to put in, or the request itself. */
  missing?: Record<string, string> | ((call: Call, who: Who) => Call);
  allowed: Partial<Record<Who, Answer>>;
  /** 404, with the body the same caller gets for `missing` (naming this object's id where it names the missing one's). */
  hidden: readonly Who[];
  /** 403 FORBIDDEN: every one of EVERYONE not allowed or hidden ('rest'), or those listed. */
  forbidden: readonly Who[] | 'rest';
  /** Ends the callers' own sessions: run after every other route. */
  last?: boolean;
  /** Why an expectation is what it is, where the docs leave room. */
  note?: string;
}

export const MISSING = {
  wish: 'w-rt-missing',
  service: 'svc-rt-missing',
  slot: 'svc-rt-missing.203001010900',
  booking: 'svc-rt-missing.203001010900.u-res-li',
  team: 't-rt-missing',
  user: 'u-rt-missing',
  notification: 'n-rt-missing',
  category: 'cat-rt-missing',
  partnership: 'p-rt-missing',
  community: 'c-rt-missing',
  topic: 'topic-rt-missing',
  grid: 'g-rt-missing',
  street: 'st-rt-missing',
} as const;

const give = (answer: Answer, ...who: Who[]): Partial<Record<Who, Answer>> => Object.fromEntries(who.map((w) => [w, answer]));
const key = () => ({ 'Idempotency-Key': `rt-${freshCode()}` });

const RESIDENTS: Who[] = ['li', 'zhao', 'wang', 'zhang', 'guilan'];
const VOLUNTEERS: Who[] = ['zhang', 'chen', 'qian'];
const GRID_AND_STAFF: Who[] = ['sun', 'zhou', 'guo', 'zheng', 'feng'];
const SETTINGS_READERS: Who[] = [...GRID_AND_STAFF, 'street', 'admin'];
/** Those who run the queue of 李建国's wishes in grid 1: its grid worker, 古城's staff, 北大街's street staff. */
const ITS_MANAGERS: Who[] = ['sun', 'guo', 'street'];
/** Grid workers and staff whose places 李建国's wishes do not lie in. */
const OTHER_MANAGERS: Who[] = ['zhou', 'zheng', 'feng'];
/** Everyone in 古城 who reads its services (and its council): residents, its teams' volunteers, grid workers, staff. */
const GUCHENG: Who[] = ['li', 'zhao', 'wang', 'zhang', 'chen', 'sun', 'zhou', 'guo'];

/** Those who read 古城's council: its residents (verified or not), grid workers, staff, and its teams' volunteers. */
const COUNCIL_READERS = GUCHENG;
const NOT_COUNCIL_READERS = EVERYONE.filter((w) => !COUNCIL_READERS.includes(w));
/** Those whose role lets them ask at all (resident, grid worker, staff) but who read nothing of 古城's council. */
const OUTSIDE_COUNCIL: Who[] = ['guilan', 'zheng', 'feng'];
const OF_GUCHENG = { query: { communityId: 'c-gucheng' } };
const MISSING_COMMUNITY = { query: { communityId: MISSING.community } };

/**
 * Grid 1's figures: 孙丽 (its grid worker), 古城's staff, 北大街's street staff, the operator. Volunteers may ask for a
 * team's figures (a lead, their team's), so for them grid 1 is out of scope like another grid worker's or community's.
 */
const GRID_ONE_FIGURES = {
  allowed: give(200, 'sun', 'guo', 'street', 'admin'),
  hidden: ['zhou', 'zheng', 'feng', 'zhang', 'chen', 'qian'] as Who[],
  forbidden: 'rest' as const,
};

/** A staff step of a topic (confirm, decline, plans, notice, meeting, tasks, publish): 郭书记 only; grid workers and residents 403. */
const staffStep = (
  action: string,
  stage: Parameters<Fixtures['council']['topic']>[0],
  body: (f: Fixtures) => unknown,
  note?: string,
): RouteAccess => ({
  route: `POST /council/topics/{id}/${action}`,
  fresh: true,
  call: async (_w, f, fresh) => ({ params: { id: await f.council.topic(stage, fresh) }, body: body(f) }),
  missing: { id: MISSING.topic },
  allowed: { guo: 200 },
  hidden: OUTSIDE_COUNCIL,
  forbidden: 'rest',
  note,
});

/**
 * A resident's part in a topic (an opinion, a support, an objection): verified residents of 古城 for themselves;
 * 孙丽 (王秀英's grid worker) and 郭书记 for 王秀英 with her consent; 周磊 reads the topic, but 王秀英 is not his to act
 * for: 404 as for a resident who does not exist.
 */
const residentPart = (action: string, stage: Parameters<Fixtures['council']['topic']>[0], body: object): RouteAccess => ({
  route: `POST /council/topics/{id}/${action}`,
  fresh: true,
  call: async (who, f, fresh) => ({
    params: { id: await f.council.topic(stage, fresh) },
    body: RESIDENTS.includes(who) ? body : { ...body, forResidentId: PEOPLE.wang, consent: true },
  }),
  missing: (call, who) =>
    who === 'zhou'
      ? { ...call, body: { ...(call.body as object), forResidentId: MISSING.user } }
      : { ...call, params: { id: MISSING.topic } },
  allowed: give(200, 'li', 'zhao', 'wang', 'zhang', 'sun', 'guo'),
  hidden: [...OUTSIDE_COUNCIL, 'zhou'],
  forbidden: 'rest',
});

/** POST /wishes/{id}/{action} on a wish of 李建国's in `status`. */
function wishAction(
  action: string,
  status: Parameters<Fixtures['wish']>[0] | 'escalated',
  body: (who: Who, f: Fixtures) => unknown,
  allowed: Partial<Record<Who, Answer>>,
  hidden: Who[],
  note?: string,
): RouteAccess {
  return {
    route: `POST /wishes/{id}/${action}`,
    fresh: true,
    call: async (who, f, fresh) => ({
      params: { id: status === 'escalated' ? await f.escalatedWish(fresh) : await f.wish(status, fresh) },
      body: body(who, f),
    }),
    missing: { id: MISSING.wish },
    allowed,
    hidden,
    forbidden: 'rest',
    note,
  };
}

const claimantAction = (action: string, status: Parameters<Fixtures['wish']>[0], body: unknown = {}) =>
  wishAction(action, status, () => body, { zhang: 200 }, ['chen', 'qian']);
const managerAction = (action: string, status: Parameters<Fixtures['wish']>[0], body: (f: Fixtures) => unknown) =>
  wishAction(action, status, (_w, f) => body(f), give(200, ...ITS_MANAGERS), OTHER_MANAGERS);

/** A fresh team of 古城's: the one the refused are sent to when the call changes it. */
const teamId = async (f: Fixtures, fresh: boolean) => (await f.team(fresh)).id;

const TEAM_BODY = {
  name: '测试探访队',
  kind: 'volunteer_team',
  skills: ['visiting'],
  gridIds: [],
  teamCap: 5,
  memberCap: 2,
};
const RULES = DEMO_SERVICES.find((s) => s.id === 'svc-haircut')!.rules;

export const ROUTE_ACCESS: RouteAccess[] = [
  // ── Sign-in, health, the signed-in user ─────────────────────────────────────────────────────────────
  { route: 'GET /health', anonymous: 200, call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'POST /auth/wechat',
    anonymous: 200,
    call: () => ({ body: { code: freshCode() } }),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
    note: 'a token sent along is ignored: anyone signs in (a stand-in for WeChat runs on loopback)',
  },
  {
    route: 'POST /auth/dev-login',
    anonymous: 200,
    call: (who) => ({ body: { userId: PEOPLE[who] } }),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
  },
  { route: 'GET /auth/dev-users', anonymous: 200, call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'POST /auth/sign-out',
    call: () => ({}),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
    last: true,
    note: 'ends every session of the caller, so it runs last',
  },
  {
    route: 'POST /users/{id}/sign-out',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.resident(fresh) } }),
    missing: { id: MISSING.user },
    allowed: give(200, 'guo', 'admin'),
    hidden: ['feng'],
    forbidden: 'rest',
    note: 'staff end the sessions of their community’s people, the operator anyone’s',
  },
  { route: 'GET /me', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'PATCH /me',
    call: (who) => ({ body: { name: NAMES[who] } }),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
    note: 'their own name again: nothing changes (a new name would undo a verification)',
  },
  { route: 'GET /me/applications', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'PATCH /me/volunteer',
    call: (who) => ({ body: { showNameOnWall: who === 'zhang' } }),
    allowed: give(200, ...VOLUNTEERS),
    hidden: [],
    forbidden: 'rest',
  },
  {
    route: 'POST /me/subscriptions',
    call: () => ({ body: { accepted: ['booking_result'] } }),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
  },

  // ── Notifications: one's own ────────────────────────────────────────────────────────────────────────
  { route: 'GET /notifications', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  { route: 'GET /notifications/unread-count', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'POST /notifications/{id}/read',
    call: (_w, f) => ({ params: { id: f.notificationOfLi } }),
    missing: { id: MISSING.notification },
    allowed: { li: 200 },
    hidden: EVERYONE.filter((w) => w !== 'li'),
    forbidden: [],
  },
  { route: 'POST /notifications/read-all', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },

  // ── Settings ────────────────────────────────────────────────────────────────────────────────────────
  { route: 'GET /places', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'GET /categories',
    call: () => ({}),
    allowed: give(200, ...EVERYONE),
    hidden: [],
    forbidden: [],
    note: 'each as their own community routes them (the operator: the default table)',
  },
  {
    route: 'PUT /categories/{id}',
    call: () => ({ params: { id: 'cat-lock' }, body: { name: '门锁维修', skill: 'locksmith' } }),
    allowed: { admin: 200 },
    hidden: [],
    forbidden: 'rest',
    note: 'the default table is the operator’s',
  },
  {
    route: 'PUT /communities/{communityId}/categories/{id}',
    call: () => ({ params: { communityId: 'c-gucheng', id: 'cat-lock' }, body: { skill: 'locksmith' } }),
    missing: { id: MISSING.category },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'DELETE /communities/{communityId}/categories/{id}',
    call: () => ({ params: { communityId: 'c-gucheng', id: 'cat-lock' } }),
    missing: { id: MISSING.category },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  { route: 'GET /calendar', call: () => ({}), allowed: give(200, ...SETTINGS_READERS), hidden: [], forbidden: 'rest' },
  {
    route: 'PUT /calendar/{year}',
    call: (_w, f) => ({ params: { year: String(f.calendar.year) }, body: f.calendar.body }),
    allowed: { admin: 200 },
    hidden: [],
    forbidden: 'rest',
    note: 'the calendar is national: only the operator enters it (this year’s days, unchanged)',
  },
  {
    route: 'GET /sla-limits',
    call: () => ({ query: { streetId: 'st-beidajie' } }),
    missing: () => ({ query: { streetId: 'st-rt-missing' } }),
    allowed: give(200, 'sun', 'zhou', 'guo', 'street', 'admin'),
    hidden: ['zheng', 'feng'],
    forbidden: 'rest',
    note: '北大街街道’s limits: 平坦垴 lies in another street',
  },
  {
    route: 'PUT /sla-limits',
    call: (_w, f) => ({ query: { streetId: 'st-beidajie' }, body: f.streetLimits }),
    allowed: give(200, 'street', 'admin'),
    hidden: [],
    forbidden: 'rest',
    note: 'the street’s staff set their street’s limits (unchanged here), the operator any street’s',
  },
  {
    route: 'GET /audit',
    call: () => ({ query: { streetId: 'st-beidajie' } }),
    allowed: give(200, 'street', 'admin'),
    hidden: [],
    forbidden: 'rest',
  },

  // ── Residents, teams, partner agreements ────────────────────────────────────────────────────────────
  { route: 'GET /residents', call: () => ({}), allowed: give(200, ...GRID_AND_STAFF), hidden: [], forbidden: 'rest' },
  {
    route: 'POST /residents/{id}/verify',
    call: () => ({ params: { id: PEOPLE.wang }, body: {} }),
    missing: { id: MISSING.user },
    allowed: give(200, 'sun', 'guo'),
    hidden: ['zhou', 'zheng', 'feng'],
    forbidden: 'rest',
    note: '王秀英 is verified already: verifying again changes nothing',
  },
  { route: 'GET /teams', call: () => ({}), allowed: give(200, ...GRID_AND_STAFF), hidden: [], forbidden: 'rest' },
  {
    route: 'POST /teams',
    call: () => ({ body: { ...TEAM_BODY, communityId: 'c-gucheng', leadId: null } }),
    allowed: { guo: 201 },
    hidden: [],
    forbidden: 'rest',
    note: '冯主任 may not create a team in 古城: 403, as for a community that does not exist (communities are public, GET /places)',
  },
  { route: 'GET /teams/directory', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'PATCH /teams/{id}',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await teamId(f, fresh) }, body: { ...TEAM_BODY, leadId: PEOPLE.zhang } }),
    missing: { id: MISSING.team },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'GET /teams/{id}/applications',
    call: async (_w, f) => ({ params: { id: await teamId(f, false) } }),
    missing: { id: MISSING.team },
    allowed: give(200, 'zhang', 'guo'),
    hidden: ['qian', 'feng'],
    forbidden: 'rest',
    note: '陈师傅 volunteers in 古城 and sees its teams, but leads another: 403',
  },
  {
    route: 'POST /teams/{id}/applications',
    fresh: true,
    call: async (_w, f, fresh) => ({
      params: { id: await teamId(f, fresh) },
      body: { skills: ['visiting'], hours: { workday: [], restday: [] } },
    }),
    missing: { id: MISSING.team },
    allowed: { ...give(201, 'li', 'zhao', 'wang'), zhang: '409 INVALID_TRANSITION' },
    hidden: ['guilan'],
    forbidden: 'rest',
    note: '张师傅 leads the team already',
  },
  {
    route: 'POST /teams/{id}/applications/{userId}/decide',
    fresh: true,
    call: async (_w, f, fresh) => {
      const t = await f.team(fresh);
      return { params: { id: t.id, userId: t.applicantId }, body: { approve: false, reason: '暂时不缺人手' } };
    },
    missing: { id: MISSING.team },
    allowed: give(200, 'zhang', 'guo'),
    hidden: ['qian', 'feng'],
    forbidden: 'rest',
  },
  {
    route: 'DELETE /teams/{id}/members/{userId}',
    fresh: true,
    call: async (_w, f, fresh) => {
      const t = await f.team(fresh);
      return { params: { id: t.id, userId: t.memberId } };
    },
    missing: { id: MISSING.team },
    allowed: give(200, 'zhang', 'guo'),
    hidden: ['qian', 'feng'],
    forbidden: 'rest',
  },
  { route: 'GET /partnerships', call: () => ({}), allowed: give(200, 'guo', 'feng'), hidden: [], forbidden: 'rest' },
  {
    route: 'POST /partnerships',
    call: () => ({
      body: { teamId: 't-gc-lexiujiang', toCommunityId: 'c-pingtannao', gridIds: ['g-ptn-1'], skills: ['appliance_repair'] },
    }),
    missing: (call) => ({ body: { ...(call.body as object), teamId: MISSING.team } }),
    allowed: { guo: 201 },
    hidden: ['feng'],
    forbidden: 'rest',
    note: '冯主任 offering 古城’s team: 404 like a missing team',
  },
  {
    route: 'POST /partnerships/{id}/accept',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.offer(fresh) } }),
    allowed: { guo: 200 },
    hidden: [],
    forbidden: 'rest',
    note: '冯主任 offered it: the receiving side accepts (403). Out of scope (a third community) is tested on its own',
  },
  {
    route: 'POST /partnerships/{id}/end',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.agreement(fresh) } }),
    allowed: give(200, 'guo', 'feng'),
    hidden: [],
    forbidden: 'rest',
    note: 'either side ends it',
  },

  // ── Wishes ──────────────────────────────────────────────────────────────────────────────────────────
  {
    route: 'GET /wishes',
    call: () => ({ query: { scope: 'mine' } }),
    allowed: give(200, ...RESIDENTS),
    hidden: [],
    forbidden: 'rest',
  },
  {
    route: 'POST /wishes',
    // Residents post a wish about 1号楼 for themselves; grid workers and staff file one for 王秀英 (3号楼, grid 1).
    call: (who) =>
      RESIDENTS.includes(who)
        ? { body: { description: '楼道的灯坏了好几天了', category: 'cat-electric', buildingId: 'b-gc-1' } }
        : {
            body: {
              description: '家里的灯不亮了',
              category: 'cat-electric',
              buildingId: 'b-gc-3',
              onBehalfOf: PEOPLE.wang,
              consent: true,
            },
          },
    missing: (call) => ({ body: { ...(call.body as object), onBehalfOf: MISSING.user } }),
    allowed: give(201, 'li', 'zhao', 'wang', 'zhang', 'sun', 'guo'),
    hidden: ['zhou', 'zheng', 'feng'],
    forbidden: 'rest',
    note: '孙桂兰 posts only for her own community: 403 (buildings are public); filing for a resident outside one’s grids: 404 as for a missing resident',
  },
  {
    route: 'GET /wishes/similar',
    call: () => ({ query: { buildingId: 'b-gc-1', category: 'cat-other' } }),
    allowed: give(200, ...RESIDENTS),
    hidden: [],
    forbidden: 'rest',
  },
  {
    route: 'GET /wishes/{id}',
    call: async (_w, f) => ({ params: { id: await f.wish('routed', false) } }),
    missing: { id: MISSING.wish },
    allowed: give(200, 'li', 'zhang', ...ITS_MANAGERS, 'admin'),
    hidden: ['zhao', 'wang', 'chen', 'zhou', 'guilan', 'qian', 'zheng', 'feng'],
    forbidden: [],
  },
  {
    route: 'GET /wishes/{id}/candidates',
    call: async (_w, f) => ({ params: { id: await f.wish('submitted', false) } }),
    missing: { id: MISSING.wish },
    allowed: give(200, ...ITS_MANAGERS),
    hidden: OTHER_MANAGERS,
    forbidden: 'rest',
  },
  claimantAction('claim', 'routed'),
  claimantAction('release', 'claimed', { reason: '临时有事' }),
  claimantAction('start', 'claimed'),
  claimantAction('complete', 'in_progress', { note: '换了灯泡' }),
  claimantAction('extend-lease', 'claimed'),
  claimantAction('send-back', 'routed', { reason: '不是我们的专长' }),
  wishAction(
    'confirm',
    'done',
    () => ({ rating: 4, consent: true }),
    give(200, 'li', ...ITS_MANAGERS),
    ['zhao', 'wang', 'guilan', ...OTHER_MANAGERS],
    '张师傅 (a resident too) did the work but does not confirm it: 403',
  ),
  wishAction('dispute', 'done', () => ({ reason: '还是没修好', consent: true }), give(200, 'li', ...ITS_MANAGERS), [
    'zhao',
    'wang',
    'guilan',
    ...OTHER_MANAGERS,
  ]),
  wishAction('reject', 'submitted', () => ({ reason: '不属于微心愿范围' }), give(200, ...ITS_MANAGERS, 'admin'), OTHER_MANAGERS),
  wishAction('close', 'routed', () => ({ reason: '需要整体改造' }), give(200, ...ITS_MANAGERS, 'admin'), OTHER_MANAGERS),
  managerAction('route', 'submitted', () => ({ teamId: 't-gc-lexiujiang', reason: '乐修匠离得近' })),
  managerAction('resolve', 'submitted', () => ({ note: '电话沟通已解决' })),
  managerAction('escalate', 'routed', () => ({ reason: '网格解决不了' })),
  managerAction('extend-deadline', 'routed', () => ({ workingDays: 5, reason: '要等配件' })),
  managerAction('merge', 'routed', (f) => ({ intoId: f.mergeTarget, reason: '同一件事' })),
  wishAction(
    'send-down',
    'escalated',
    () => ({ reason: '请网格先处理' }),
    give(200, 'guo', 'street'),
    OTHER_MANAGERS,
    'escalated to the community, the wish is no longer the grid’s: 孙丽 sees it but may not send it down (403)',
  ),
  {
    route: 'POST /wishes/{id}/support',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.sharedPlaceWish(fresh) }, body: {} }),
    missing: { id: MISSING.wish },
    allowed: { ...give(200, 'zhao', 'wang', 'zhang'), li: '409 INVALID_TRANSITION' },
    hidden: ['guilan'],
    forbidden: 'rest',
    note: 'verified neighbours of 古城 say 我也遇到; the owner cannot (409)',
  },
  { route: 'GET /tasks', call: () => ({}), allowed: give(200, ...VOLUNTEERS), hidden: [], forbidden: 'rest' },
  {
    route: 'GET /triage',
    call: () => ({}),
    allowed: give(200, ...GRID_AND_STAFF, 'street'),
    hidden: [],
    forbidden: 'rest',
  },
  { route: 'GET /wall', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },

  // ── Booking ─────────────────────────────────────────────────────────────────────────────────────────
  { route: 'GET /services', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'POST /services',
    call: () => ({
      body: { communityId: 'c-gucheng', name: '测试服务', place: '党群服务中心', teamId: 't-gc-nengren', rules: RULES, schedule: [] },
    }),
    allowed: { guo: 201 },
    hidden: [],
    forbidden: 'rest',
    note: '冯主任 may not add a service to 古城: 403, as for a community that does not exist',
  },
  {
    route: 'GET /services/{id}',
    call: (_w, f) => ({ params: { id: f.service.id } }),
    missing: { id: MISSING.service },
    allowed: give(200, ...GUCHENG),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: [],
    note: 'signed in, of its community: street staff and the operator are not (docs/api.md)',
  },
  {
    route: 'PATCH /services/{id}',
    call: (_w, f) => ({ params: { id: f.service.id }, body: { description: '请自带毛巾' } }),
    missing: { id: MISSING.service },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'GET /services/{id}/slots',
    call: (_w, f) => ({ params: { id: f.service.id } }),
    missing: { id: MISSING.service },
    allowed: give(200, ...GUCHENG),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: [],
  },
  {
    route: 'GET /services/{id}/draws/{drawId}',
    call: (_w, f) => ({ params: { id: f.draw.serviceId, drawId: f.draw.drawId } }),
    missing: { id: MISSING.service },
    allowed: give(200, ...GUCHENG),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: [],
  },
  {
    route: 'PATCH /slots/{id}',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.slot(fresh) }, body: { place: '党群服务中心二楼', reason: '换个房间' } }),
    missing: { id: MISSING.slot },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'GET /slots/{id}/bookings',
    call: async (_w, f) => ({ params: { id: await f.slot(false) } }),
    missing: { id: MISSING.slot },
    allowed: give(200, 'zhang', 'guo'),
    hidden: ['chen', 'qian', 'feng'],
    forbidden: 'rest',
    note: 'the providing team (古城能人库) and staff',
  },
  { route: 'GET /roster', call: () => ({}), allowed: give(200, ...VOLUNTEERS, 'guo', 'feng'), hidden: [], forbidden: 'rest' },
  {
    route: 'POST /slots/{id}/draw',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.dueBallotSlot(fresh) }, body: {} }),
    missing: { id: MISSING.slot },
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'POST /slots/{id}/draw/commitments',
    fresh: true,
    call: async (who, f, fresh) => ({
      params: { id: await f.witnessedSlot(fresh) },
      body: { commitment: createHash('sha256').update(`commit-${who}`).digest('hex') },
    }),
    missing: { id: MISSING.slot },
    allowed: give(201, 'guo', 'wang'),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: 'rest',
    note: "the witnesses the service's rules name (郭书记, 王秀英 as 居民代表); others of 古城 are refused",
  },
  {
    route: 'POST /slots/{id}/draw/reveals',
    fresh: true,
    call: async (who, f, fresh) => ({ params: { id: await f.committedSlot(fresh) }, body: { secret: witnessSecret(PEOPLE[who]) } }),
    missing: { id: MISSING.slot },
    allowed: give(201, 'guo', 'wang'),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: 'rest',
  },
  {
    route: 'POST /slots/{id}/draw/public-number',
    fresh: true,
    call: async (_w, f, fresh) => ({
      params: { id: await f.committedSlot(fresh) },
      // Published after the witnesses' reveal deadline (72 hours after a close that has passed).
      body: {
        value: '03 11 17 22 28 31 + 09',
        source: '中国福利彩票官网',
        publishedAt: new Date(Date.now() + 73 * 3_600_000).toISOString(),
      },
    }),
    missing: { id: MISSING.slot },
    allowed: { guo: 201 },
    hidden: ['feng'],
    forbidden: 'rest',
  },
  {
    route: 'POST /bookings',
    fresh: true,
    // Residents book for themselves; grid workers and staff for 王秀英 (grid 1) with her consent.
    call: async (who, f, fresh) => ({
      body: {
        slotId: await f.slot(fresh),
        ...(RESIDENTS.includes(who) ? {} : { forResidentId: PEOPLE.wang, consent: true }),
      },
      headers: key(),
    }),
    missing: (call) => ({ ...call, body: { ...(call.body as object), slotId: MISSING.slot }, headers: key() }),
    allowed: give(201, 'li', 'zhao', 'wang', 'zhang', 'sun', 'guo'),
    hidden: ['guilan', 'zhou', 'zheng', 'feng'],
    forbidden: 'rest',
    note: '孙桂兰 booking a 古城 slot: 404 as a missing slot; booking for 王秀英 from outside her grid or community: the same 404 whether or not the slot exists',
  },
  {
    route: 'GET /bookings',
    call: (who) => ({ query: { scope: RESIDENTS.includes(who) ? 'mine' : 'made' } }),
    allowed: give(200, ...RESIDENTS, ...GRID_AND_STAFF),
    hidden: [],
    forbidden: 'rest',
  },
  {
    route: 'GET /bookings/{id}',
    call: async (_w, f) => ({ params: { id: await f.booking(false) } }),
    missing: { id: MISSING.booking },
    allowed: give(200, 'li', 'zhang', 'sun', 'guo'),
    hidden: ['zhao', 'wang', 'chen', 'zhou', 'guilan', 'qian', 'zheng', 'feng', 'street', 'admin'],
    forbidden: [],
    note: 'the resident, the grid worker or staff of their place, the providing team',
  },
  {
    route: 'POST /bookings/{id}/cancel',
    fresh: true,
    call: async (who, f, fresh) => ({ params: { id: await f.booking(fresh) }, body: who === 'li' ? {} : { consent: true } }),
    missing: { id: MISSING.booking },
    allowed: give(200, 'li', 'sun', 'guo'),
    hidden: ['zhao', 'wang', 'zhou', 'guilan', 'zheng', 'feng'],
    forbidden: 'rest',
    note: '张师傅 (a resident too) provides the service and sees the booking, but may not cancel it: 403',
  },
  {
    route: 'POST /bookings/{id}/accept',
    fresh: true,
    call: async (who, f, fresh) => ({ params: { id: await f.offeredBooking(fresh) }, body: who === 'li' ? {} : { consent: true } }),
    missing: { id: MISSING.booking },
    allowed: give(200, 'li', 'sun', 'guo'),
    hidden: ['zhao', 'wang', 'zhou', 'guilan', 'zheng', 'feng'],
    forbidden: 'rest',
  },
  {
    route: 'POST /bookings/{id}/decline',
    fresh: true,
    call: async (who, f, fresh) => ({ params: { id: await f.offeredBooking(fresh) }, body: who === 'li' ? {} : { consent: true } }),
    missing: { id: MISSING.booking },
    allowed: give(200, 'li', 'sun', 'guo'),
    hidden: ['zhao', 'wang', 'zhou', 'guilan', 'zheng', 'feng'],
    forbidden: 'rest',
  },
  {
    route: 'POST /bookings/{id}/check-in',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: await f.soonBooking(fresh) }, body: {} }),
    missing: { id: MISSING.booking },
    allowed: give(200, 'zhang', 'guo'),
    hidden: ['chen', 'qian', 'feng'],
    forbidden: 'rest',
  },
  {
    route: 'POST /bookings/{id}/excuse',
    call: async (_w, f) => ({ params: { id: await f.booking(false) }, body: { reason: '临时住院' } }),
    missing: { id: MISSING.booking },
    allowed: give('409 BOOKING_NOT_ACTIVE', 'sun', 'guo'),
    hidden: ['zhou', 'zheng', 'feng'],
    forbidden: 'rest',
    note: 'let in, the booking is no no-show: 409 BOOKING_NOT_ACTIVE',
  },

  // ── The residents' council (issue 14) ───────────────────────────────────────────────────────────────
  {
    route: 'GET /council/members',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, 'sun', 'zhou', 'guo'),
    hidden: ['zheng', 'feng'],
    forbidden: 'rest',
    note: 'the roster names residents: staff and grid workers of the community',
  },
  {
    route: 'PUT /council/members',
    call: (_w, f) => ({ ...OF_GUCHENG, body: f.council.roster }),
    missing: (call) => ({ ...call, ...MISSING_COMMUNITY }),
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
    note: 'the same roster again',
  },
  {
    route: 'GET /council/settings',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, ...COUNCIL_READERS),
    hidden: NOT_COUNCIL_READERS,
    forbidden: [],
    note: 'anyone of the community; 北大街’s street staff and the operator are not (the council is the community’s)',
  },
  {
    route: 'PUT /council/settings',
    call: (_w, f) => ({ ...OF_GUCHENG, body: f.council.settings }),
    missing: (call) => ({ ...call, ...MISSING_COMMUNITY }),
    allowed: { guo: 200 },
    hidden: ['feng'],
    forbidden: 'rest',
    note: 'the settings as they are',
  },
  {
    route: 'POST /council/topics',
    fresh: true,
    // Residents propose a topic to 古城's council; grid workers and staff raise 李建国's open wish to it.
    call: async (who, f, fresh) => ({
      body: RESIDENTS.includes(who)
        ? { title: '楼道堆物清理', body: '楼道堆物影响通行', communityId: 'c-gucheng' }
        : { title: '楼道灯的维修', body: '需要议事会商议', wishIds: [await f.wish('routed', fresh)] },
    }),
    missing: (call) => {
      const body = call.body as { wishIds?: string[] };
      return { body: body.wishIds ? { ...body, wishIds: [MISSING.wish] } : { ...body, communityId: MISSING.community } };
    },
    allowed: give(201, 'li', 'zhao', 'wang', 'zhang', 'sun', 'guo'),
    hidden: ['guilan', 'zhou', 'zheng', 'feng'],
    forbidden: 'rest',
    note: '周磊 raising a wish of grid 1: 404 as for a missing wish',
  },
  {
    route: 'GET /council/topics',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, ...COUNCIL_READERS),
    hidden: NOT_COUNCIL_READERS,
    forbidden: [],
  },
  {
    route: 'GET /council/topics/{id}',
    call: async (_w, f) => ({ params: { id: await f.council.topic('collecting', false) } }),
    missing: { id: MISSING.topic },
    allowed: give(200, ...COUNCIL_READERS),
    hidden: NOT_COUNCIL_READERS,
    forbidden: [],
  },
  residentPart('opinions', 'collecting', { stance: 'support', text: '同意规范停车' }),
  residentPart('support', 'collecting', {}),
  residentPart('observers', 'noticed', {}),
  residentPart('observers/cancel', 'noticed', {}),
  {
    route: 'GET /council/topics/{id}/observers',
    call: async (_w, f) => ({ params: { id: await f.council.topic('noticed', false) } }),
    missing: { id: MISSING.topic },
    allowed: give(200, 'sun', 'zhou', 'guo'),
    hidden: OUTSIDE_COUNCIL,
    forbidden: 'rest',
    note: 'who registered to attend: staff and grid workers of the community; its residents 403',
  },
  staffStep('confirm', 'collecting', () => ({ summary: '多数居民支持' })),
  staffStep('decline', 'collecting', () => ({ reason: '不属于议事范围' })),
  staffStep('plans', 'drafting', () => ({ title: '错峰停车', body: '夜间外来车辆不得入内' })),
  staffStep('notice', 'drafting', () => ({
    meetingAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    place: '党群服务中心二楼 议事厅',
    agenda: '讨论停车方案',
  })),
  staffStep('meeting', 'held', () => ({ attendees: [], votes: [], minutes: '到会人数不足' }), 'no quorum: 流会, back to drafting, 200'),
  staffStep('tasks', 'applying', (f) => ({ kind: 'staff', title: '张贴告示', ownerId: PEOPLE.guo, dueDate: f.council.workday })),
  {
    route: 'POST /council/tasks/{id}/done',
    fresh: true,
    call: async (_w, f, fresh) => ({ params: { id: (await f.council.staffTask(fresh)).taskId }, body: { note: '已联系物业' } }),
    missing: { id: `${MISSING.topic}_1` },
    allowed: give(200, 'sun', 'guo'),
    hidden: OUTSIDE_COUNCIL,
    forbidden: 'rest',
    note: '孙丽 owns the task; 周磊, a grid worker of 古城 too, does not: 403',
  },
  staffStep('publish', 'applying', () => ({ summary: '院内已划线停车' })),
  residentPart('objections', 'published', { text: '车位太少' }),
  {
    route: 'POST /council/topics/{id}/objections/{objectionId}/answer',
    fresh: true,
    call: async (_w, f, fresh) => {
      const o = await f.council.objection(fresh);
      return { params: { id: o.topicId, objectionId: o.objectionId }, body: { text: '下一步增加车位' } };
    },
    missing: { id: MISSING.topic },
    allowed: { guo: 200 },
    hidden: OUTSIDE_COUNCIL,
    forbidden: 'rest',
  },
  {
    route: 'GET /noticeboard',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, ...COUNCIL_READERS),
    hidden: NOT_COUNCIL_READERS,
    forbidden: [],
  },

  // ── Figures and credits (issue 15) ──────────────────────────────────────────────────────────────────
  {
    route: 'GET /figures',
    call: () => ({ query: { scope: 'grid', id: 'g-gucheng-1' } }),
    missing: (call) => ({ query: { ...call.query, id: MISSING.grid } }),
    ...GRID_ONE_FIGURES,
  },
  {
    route: 'GET /figures/wishes',
    call: () => ({
      query: { scope: 'grid', id: 'g-gucheng-1', month: beijingMonth(Date.now()), figure: 'resolution', part: 'denominator' },
    }),
    missing: (call) => ({ query: { ...call.query, id: MISSING.grid } }),
    ...GRID_ONE_FIGURES,
  },
  {
    route: 'GET /figures/trend',
    call: () => ({ query: { scope: 'grid', id: 'g-gucheng-1', months: '3' } }),
    missing: (call) => ({ query: { ...call.query, id: MISSING.grid } }),
    ...GRID_ONE_FIGURES,
  },
  {
    route: 'GET /figures/compare',
    call: () => ({ query: { scope: 'community', id: 'c-gucheng' } }),
    missing: (call) => ({ query: { ...call.query, id: MISSING.community } }),
    allowed: give(200, 'guo', 'street', 'admin'),
    hidden: ['feng'],
    forbidden: 'rest',
    note: '古城’s grids side by side: its staff, its street’s staff, the operator',
  },
  {
    route: 'GET /figures/export',
    call: () => ({ query: { scope: 'street', id: 'st-beidajie' } }),
    allowed: give(200, 'street', 'admin'),
    hidden: [],
    forbidden: 'rest',
    note: 'a street’s CSV: its staff and the operator (no other street’s staff among the demo people)',
  },
  {
    route: 'GET /figures/public',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, ...GUCHENG),
    hidden: EVERYONE.filter((w) => !GUCHENG.includes(w)),
    forbidden: [],
    note: 'a community’s own people; street staff and the operator read GET /figures instead',
  },
  {
    route: 'GET /figures/report',
    call: () => OF_GUCHENG,
    missing: () => MISSING_COMMUNITY,
    allowed: give(200, ...GUCHENG, 'street', 'admin'),
    hidden: EVERYONE.filter((w) => ![...GUCHENG, 'street', 'admin'].includes(w)),
    forbidden: [],
    note: 'the monthly report: a community’s own people, its street’s staff and the operator',
  },
  ...(['needs', 'resources', 'problems'] as const).map(
    (list): RouteAccess => ({
      route: `GET /lists/${list}`,
      call: () => ({ query: { scope: 'grid', id: 'g-gucheng-1' } }),
      missing: (call) => ({ query: { ...call.query, id: MISSING.grid } }),
      allowed: give(200, 'sun', 'guo', 'street', 'admin'),
      hidden: ['zhou', 'zheng', 'feng'],
      forbidden: 'rest',
      note: 'grid 1’s list: its grid worker, 古城’s staff, 北大街’s street staff, the operator; volunteers and residents keep no list',
    }),
  ),
  { route: 'GET /credits/me', call: () => ({}), allowed: give(200, ...EVERYONE), hidden: [], forbidden: [] },
  {
    route: 'POST /credits/reversals',
    fresh: true,
    call: async (_w, f, fresh) => ({ body: { wishId: await f.wish('confirmed', fresh), reason: '虚假完成,撤销积分' } }),
    allowed: { admin: 201 },
    hidden: [],
    forbidden: 'rest',
    note: 'the operator reverses the credit of a confirmed wish (张师傅’s) as abuse',
  },
  {
    route: 'GET /credits',
    call: () => ({ query: { teamId: 't-gc-nengren' } }),
    missing: () => ({ query: { teamId: MISSING.team } }),
    allowed: give(200, 'zhang', 'guo', 'admin'),
    hidden: ['chen', 'qian', 'feng'],
    forbidden: 'rest',
    note: '古城能人库’s credits: its lead, 古城’s staff, the operator; 陈师傅 is not of the team',
  },
];

/** Who is refused for their role on an entry (resolving 'rest'). */
export const forbiddenOf = (e: RouteAccess): Who[] =>
  e.forbidden === 'rest' ? EVERYONE.filter((w) => !(w in e.allowed) && !e.hidden.includes(w)) : [...e.forbidden];
