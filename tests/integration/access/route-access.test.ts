import { isDeepStrictEqual } from 'node:util';
import { beijingMonth } from '../../../shared/domain/beijing-time';
import { routesFromServerlessYml } from '../../../scripts/serverless-routes';
import { startFakeWechat, type FakeWechat } from '../../../scripts/fake-wechat';
import { putPlace } from '../../../functions/data/places';
import { getUser, putUser } from '../../../functions/data/users';
import { DEMO_SERVICES } from '../../../scripts/demo-booking';
import { USERS } from '../../../scripts/demo-data';
import { type ApiResponse, request, tokenOf } from '../../helpers/api';
import { book } from '../../helpers/booking';
import { buildFixtures, type Fixtures } from '../../helpers/route-access-fixtures';
import {
  type Call,
  EVERYONE,
  forbiddenOf,
  MISSING,
  OTHER_COMMUNITY,
  PEOPLE,
  ROUTE_ACCESS,
  type RouteAccess,
  type Who,
} from '../../helpers/route-access-table';
import { useDemoTable } from '../../helpers/table';

useDemoTable();

let f: Fixtures;
let wechat: FakeWechat;
const saved = { ...process.env };

beforeAll(async () => {
  // POST /auth/wechat against a stand-in for WeChat on loopback that signs in whoever a code names.
  wechat = await startFakeWechat({ appId: 'wx-route-access', secret: 'route-access-secret', mode: 'open' });
  Object.assign(process.env, {
    WECHAT_APP_ID: 'wx-route-access',
    WECHAT_APP_SECRET: 'route-access-secret',
    WECHAT_API_BASE: wechat.baseUrl,
  });
  f = await buildFixtures();
}, 60_000);
afterAll(async () => {
  for (const k of ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await wechat?.close();
});

const [methodOf, templateOf] = [(route: string) => route.split(' ')[0], (route: string) => route.split(' ')[1]];

/** The request of `call` to `route`, signed in as `who` (no token for null), routed as API Gateway routes it. */
async function send(who: Who | null, route: string, call: Call): Promise<ApiResponse> {
  const path = templateOf(route).replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = call.params?.[name];
    if (value === undefined) throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  return request(methodOf(route), path, {
    token: who ? await tokenOf(PEOPLE[who]) : undefined,
    body: call.body,
    query: call.query,
    headers: call.headers,
  });
}

const answerOf = (res: ApiResponse) => (res.status < 300 ? String(res.status) : `${res.status} ${res.body?.error?.code ?? ''}`.trim());
const short = (res: ApiResponse) => `${answerOf(res)} ${res.text.slice(0, 160)}`;

/** The ids a missing-object call names instead of the real call's: [missing, real] pairs. */
function swapsOf(real: Call, missing: Call): [string, string][] {
  const pairs: [string, string][] = [];
  const walk = (a: unknown, b: unknown): void => {
    if (typeof a === 'string' && typeof b === 'string') {
      if (a !== b) pairs.push([b, a]);
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (const [i, x] of b.entries()) walk(a[i], x);
    } else if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of Object.keys(b)) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    }
  };
  walk(real.params, missing.params);
  walk(real.query, missing.query);
  walk(real.body, missing.body);
  return pairs;
}

/** One person's call of one route against the table: null when it answers as written, else what went wrong. */
async function mismatch(e: RouteAccess, who: Who): Promise<string | null> {
  const allowed = e.allowed[who];
  const call = await e.call(who, f, allowed !== undefined && !!e.fresh);
  const res = await send(who, e.route, call);
  if (allowed !== undefined) return answerOf(res) === String(allowed) ? null : `${who} is let in: want ${allowed}, got ${short(res)}`;
  if (!e.hidden.includes(who))
    return answerOf(res) === '403 FORBIDDEN' ? null : `${who} is refused for the role: want 403 FORBIDDEN, got ${short(res)}`;
  if (!e.missing) return `${who}: the entry says out of scope but names no missing object`;
  const missingCall = typeof e.missing === 'function' ? e.missing(call, who) : { ...call, params: { ...call.params, ...e.missing } };
  const missing = await send(who, e.route, missingCall);
  if (missing.status !== 404) return `${who}: the missing object answers ${short(missing)}, not 404`;
  // What the caller would get if this very object did not exist: the missing one's answer, naming this one's id.
  const same = swapsOf(call, missingCall).reduce((text, [gone, real]) => text.split(gone).join(real), missing.text);
  if (res.status === 404 && isDeepStrictEqual(res.body, JSON.parse(same))) return null;
  return `${who} is out of scope: want 404 ${same}, got ${short(res)}`;
}

async function runEntry(e: RouteAccess): Promise<void> {
  // Everyone at once: refusals change nothing, and whoever is let in to a change has an object of their own.
  const wrong = (await Promise.all(EVERYONE.map((who) => mismatch(e, who)))).filter((m): m is string => m !== null);
  expect(wrong).toEqual([]);
}

describe('the table', () => {
  test('has one entry for every route of serverless.yml, and none for a route that is not there', () => {
    const routes = routesFromServerlessYml().map((r) => `${r.method} ${r.path}`);
    const entries = ROUTE_ACCESS.map((e) => e.route);
    expect({ missingFromTable: routes.filter((r) => !entries.includes(r)).sort() }).toEqual({ missingFromTable: [] });
    expect({ notRoutes: entries.filter((e) => !routes.includes(e)) }).toEqual({ notRoutes: [] });
    expect({ twice: entries.filter((e, i) => entries.indexOf(e) !== i) }).toEqual({ twice: [] });
  });

  test('says of every person, for every route, exactly one of: let in, refused for the role, out of scope', () => {
    const wrong = ROUTE_ACCESS.flatMap((e) => {
      const said = [...Object.keys(e.allowed), ...e.hidden, ...forbiddenOf(e)];
      const twice = said.filter((w, i) => said.indexOf(w) !== i);
      const unsaid = EVERYONE.filter((w) => !said.includes(w));
      const stray = said.filter((w) => !EVERYONE.includes(w as Who));
      return twice.length || unsaid.length || stray.length ? [`${e.route}: twice ${twice}, unsaid ${unsaid}, unknown ${stray}`] : [];
    });
    expect(wrong).toEqual([]);
  });
});

test('without a token every route but health and sign-in answers 401 UNAUTHENTICATED', async () => {
  const open = new Set(ROUTE_ACCESS.filter((e) => e.anonymous !== undefined).map((e) => e.route));
  const routes = routesFromServerlessYml().map((r) => `${r.method} ${r.path}`);
  const wrong: string[] = [];
  await Promise.all(
    routes.map(async (route) => {
      const entry = ROUTE_ACCESS.find((e) => e.route === route);
      if (open.has(route)) {
        const res = await send(null, route, await entry!.call('li', f, true));
        if (answerOf(res) !== String(entry!.anonymous)) wrong.push(`${route} without a token: want ${entry!.anonymous}, got ${short(res)}`);
        return;
      }
      const params = Object.fromEntries([...templateOf(route).matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x']));
      const res = await send(null, route, { params, body: { nonsense: true } });
      if (answerOf(res) !== '401 UNAUTHENTICATED') wrong.push(`${route}: want 401 UNAUTHENTICATED, got ${short(res)}`);
    }),
  );
  expect(wrong.sort()).toEqual([]);
  expect(open.size).toBe(4);
});

describe('who may call each route', () => {
  test.each(ROUTE_ACCESS.filter((e) => !e.last).map((e) => [e.route, e] as const))('%s', async (_route, e) => runEntry(e));
});

/**
 * What 平坦垴's people see in every list: none of 古城's ids, after 古城's people made wishes, bookings,
 * services, teams, applications and agreements that 古城's own lists show (each list is shown to one of 古城's
 * people first, so the check is not of an empty list).
 */
describe('another community’s lists', () => {
  interface ListCheck {
    route: string;
    call: (who: Who) => Call;
    /** One of 古城's people whose answer shows 古城's objects. */
    shownTo: Who;
    /** What the viewer may see of 古城 by right (the agreements their community is a party to). */
    own?: (viewer: Who, body: any) => any;
  }
  const date = (bookingId: string) => {
    const stamp = bookingId.split('.')[1];
    return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`;
  };
  /** Residents list their own bookings; grid workers and staff those they made for residents. */
  const scopeOf = (who: Who) => (['li', 'zhao', 'wang', 'zhang', 'guilan'].includes(who) ? 'mine' : 'made');
  const LISTS: ListCheck[] = [
    { route: 'GET /wishes', call: () => ({ query: { scope: 'mine' } }), shownTo: 'li' },
    { route: 'GET /wishes', call: () => ({ query: { scope: 'supported' } }), shownTo: 'zhao' },
    { route: 'GET /wishes/similar', call: () => ({ query: { buildingId: 'b-gc-1', category: 'cat-other' } }), shownTo: 'zhao' },
    { route: 'GET /tasks', call: () => ({}), shownTo: 'zhang' },
    { route: 'GET /triage', call: () => ({}), shownTo: 'sun' },
    { route: 'GET /wall', call: () => ({}), shownTo: 'li' },
    { route: 'GET /services', call: () => ({}), shownTo: 'li' },
    { route: 'GET /bookings', call: (who) => ({ query: { scope: scopeOf(who) } }), shownTo: 'li' },
    { route: 'GET /bookings', call: (who) => ({ query: { scope: scopeOf(who) } }), shownTo: 'sun' },
    { route: 'GET /roster', call: () => ({ query: { date: rosterDate } }), shownTo: 'zhang' },
    { route: 'GET /residents', call: () => ({}), shownTo: 'sun' },
    { route: 'GET /teams', call: () => ({}), shownTo: 'guo' },
    { route: 'GET /teams/directory', call: () => ({}), shownTo: 'li' },
    {
      route: 'GET /teams/{id}/applications',
      call: (who) => ({ params: { id: OTHER_COMMUNITY.includes(who) ? 't-ptn-nengren' : appliedTeam } }),
      shownTo: 'zhang',
    },
    { route: 'GET /me/applications', call: () => ({}), shownTo: 'li' },
    {
      route: 'GET /partnerships',
      call: () => ({}),
      shownTo: 'guo',
      own: (_viewer, body) => ({
        ...body,
        items: body.items.filter(
          (p: { fromCommunityId: string; toCommunityId: string }) =>
            p.fromCommunityId !== 'c-pingtannao' && p.toCommunityId !== 'c-pingtannao',
        ),
      }),
    },
    { route: 'GET /notifications', call: () => ({}), shownTo: 'li' },
    { route: 'GET /categories', call: () => ({}), shownTo: 'guo' },
    { route: 'GET /audit', call: () => ({}), shownTo: 'street' },
    { route: 'GET /council/topics', call: () => ({}), shownTo: 'li' },
    { route: 'GET /council/members', call: () => ({}), shownTo: 'guo' },
    { route: 'GET /noticeboard', call: () => ({}), shownTo: 'li' },
    {
      route: 'GET /figures/wishes',
      call: (who) => ({
        query: {
          ...(OTHER_COMMUNITY.includes(who) ? { scope: 'grid', id: 'g-ptn-1' } : { scope: 'grid', id: 'g-gucheng-1' }),
          month: beijingMonth(Date.now()),
          figure: 'resolution',
          part: 'denominator',
        },
      }),
      shownTo: 'sun',
    },
    {
      route: 'GET /figures/compare',
      call: (who) => ({ query: { scope: 'community', id: OTHER_COMMUNITY.includes(who) ? 'c-pingtannao' : 'c-gucheng' } }),
      shownTo: 'guo',
    },
    ...['/lists/needs', '/lists/resources', '/lists/problems'].map((path) => ({
      route: `GET ${path}`,
      call: (who: Who) => ({ query: { scope: 'community', id: OTHER_COMMUNITY.includes(who) ? 'c-pingtannao' : 'c-gucheng' } }),
      shownTo: 'guo' as Who,
    })),
    { route: 'GET /credits/me', call: () => ({}), shownTo: 'zhang' },
    {
      route: 'GET /credits',
      call: (who) => ({ query: { teamId: OTHER_COMMUNITY.includes(who) ? 't-ptn-nengren' : 't-gc-nengren' } }),
      shownTo: 'zhang',
    },
  ];
  /** GET routes that answer no list of a community's objects. */
  const NOT_LISTS: Record<string, string> = {
    'GET /health': 'no data',
    'GET /auth/dev-users': 'the demo accounts, only where demo sign-in is on',
    'GET /me': 'the caller',
    'GET /notifications/unread-count': 'a number',
    'GET /places': 'the place tree is public: a new resident picks their building from it',
    'GET /calendar': 'national',
    'GET /sla-limits': 'the limits of a street (北大街’s to 平坦垴’s people: 404 in the route table)',
    'GET /wishes/{id}': 'one object: out of scope in the route table',
    'GET /wishes/{id}/candidates': 'of one wish: out of scope in the route table',
    'GET /services/{id}': 'one object: out of scope in the route table',
    'GET /services/{id}/slots': 'of one 古城 service: out of scope in the route table (平坦垴 has no service)',
    'GET /services/{id}/draws/{drawId}': 'of one 古城 service: out of scope in the route table',
    'GET /slots/{id}/bookings': 'of one 古城 slot: out of scope in the route table (平坦垴 has no service)',
    'GET /bookings/{id}': 'one object: out of scope in the route table',
    'GET /council/settings': 'a community’s numbers (古城’s to 平坦垴’s people: 404 in the route table)',
    'GET /council/topics/{id}': 'one object: out of scope in the route table',
    'GET /council/topics/{id}/observers': 'of one topic: out of scope in the route table',
    'GET /figures': 'the numbers of one scope (古城’s to 平坦垴’s people: 404 in the route table)',
    'GET /figures/trend': 'the numbers of one scope by month (404 in the route table)',
    'GET /figures/export': 'one street’s CSV (403 to 平坦垴’s people in the route table)',
    'GET /figures/public': 'one community’s numbers (404 in the route table)',
    'GET /figures/report': 'one community’s month (404 in the route table); the wishes it holds up are the wall’s (GET /wall)',
  };
  /** The demo people who are not 古城's: 平坦垴's, the street's, the operator. */
  const NOT_GUCHENG = ['u-res-ptn', 'u-vol-qian', 'u-grid-ptn', 'u-staff-ptn', 'u-street-li', 'u-admin'];
  let rosterDate = '';
  let appliedTeam = '';
  let tokens: string[] = [];

  beforeAll(async () => {
    rosterDate = date(await f.soonBooking(false));
    appliedTeam = (await f.team(false)).id;
    const ids = async (who: Who, url: string) =>
      ((await send(who, `GET ${url}`, {})).body.items as { id: string }[]).map((i) => i.id).filter((id) => typeof id === 'string');
    const seen = await Promise.all([
      ids('guo', '/triage'),
      ids('guo', '/services'),
      ids('guo', '/teams'),
      ids('zhang', '/tasks'),
      ids('li', '/wishes?scope=mine'),
    ]);
    const gucheng = USERS.filter((u) => !NOT_GUCHENG.includes(u.id));
    tokens = [
      ...new Set([
        'c-gucheng',
        'g-gucheng-',
        'b-gc-',
        't-gc-',
        'w-demo-',
        'u-rt-gc',
        '古城',
        '乐修匠',
        '红帽',
        ...gucheng.flatMap((u) => [u.id, u.name]),
        ...DEMO_SERVICES.map((s) => s.id),
        ...f.made,
        ...seen.flat(),
      ]),
    ];
  });

  test('every GET route is a list checked here, or says why it is not one', () => {
    const gets = routesFromServerlessYml()
      .filter((r) => r.method === 'GET')
      .map((r) => `GET ${r.path}`);
    const listed = new Set(LISTS.map((l) => l.route));
    expect(gets.filter((r) => !listed.has(r) && !(r in NOT_LISTS))).toEqual([]);
    expect([...listed, ...Object.keys(NOT_LISTS)].filter((r) => !gets.includes(r))).toEqual([]);
  });

  test.each(LISTS.map((l) => [`${l.route} ${JSON.stringify(l.call(l.shownTo).query ?? {})}`, l] as const))(
    '%s: 古城’s people see 古城’s objects; 平坦垴’s resident, volunteer, grid worker and staff see none',
    async (_name, l) => {
      const shown = await send(l.shownTo, l.route, l.call(l.shownTo));
      expect([shown.status, tokens.some((t) => shown.text.includes(t))]).toEqual([200, true]);
      const leaks: string[] = [];
      for (const viewer of OTHER_COMMUNITY) {
        const res = await send(viewer, l.route, l.call(viewer));
        const text = l.own && res.status === 200 ? JSON.stringify(l.own(viewer, res.body)) : res.text;
        const found = tokens.filter((t) => text.includes(t));
        if (found.length) leaks.push(`${viewer} (${res.status}) sees ${found.join(', ')}`);
      }
      expect(leaks).toEqual([]);
    },
  );
});

/**
 * Booking for a resident one may not book for is answered before the slot is looked at: the same 404 for a
 * slot that exists and one that does not, and nothing is booked.
 */
describe('booking on behalf of someone else', () => {
  const forWang = { forResidentId: PEOPLE.wang, consent: true };
  test.each([
    ['the grid worker of other grids (周磊 for 王秀英 of grid 1)', 'zhou', forWang],
    ['staff of another community (冯主任)', 'feng', forWang],
    ['a resident naming another resident (李建国 for 王秀英)', 'li', forWang],
    ['a resident of 平坦垴 booking a 古城 slot for herself (孙桂兰)', 'guilan', {}],
  ] as const)('%s: 404, the same whether or not the slot exists; nothing is booked', async (_name, who, extra) => {
    const slotId = await f.slot(true);
    const real = await book(PEOPLE[who], slotId, extra);
    const missing = await book(PEOPLE[who], MISSING.slot, extra);
    expect([real.status, missing.status]).toEqual([404, 404]);
    expect(real.body).toEqual(missing.body);
    const roster = await send('guo', 'GET /slots/{id}/bookings', { params: { id: slotId } });
    expect([roster.status, roster.body.items]).toEqual([200, []]);
  });

  test('李建国 passing his own id books for himself; 孙丽 books for 王秀英 of her grid (the calls above are not refused for their shape)', async () => {
    expect((await book(PEOPLE.li, await f.slot(true), { forResidentId: PEOPLE.li, consent: true })).status).toBe(201);
    expect((await book(PEOPLE.sun, await f.slot(true), forWang)).status).toBe(201);
  });
});

/** With two communities in the demo, both are party to every agreement: a third community's staff are out of scope. */
describe('an agreement between 古城 and 平坦垴, to a third community’s staff', () => {
  const THIRD = 'u-staff-rt-third';
  beforeAll(async () => {
    await putPlace({
      id: 'c-rt-third',
      name: '第三社区',
      kind: 'community',
      streetId: 'st-gaoxin',
      communityId: 'c-rt-third',
      gridId: null,
      order: 30,
      managerIds: [THIRD],
    });
    await putUser({ ...(await getUser(PEOPLE.feng))!, id: THIRD, name: '第三社区主任', staffCommunityIds: ['c-rt-third'] });
  });
  const as3 = async (route: string, call: Call) =>
    request(methodOf(route), templateOf(route).replace('{id}', call.params?.id ?? ''), { token: await tokenOf(THIRD), body: call.body });

  test.each([
    ['POST /partnerships/{id}/accept', async () => ({ params: { id: await f.offer(false) } }), { params: { id: MISSING.partnership } }],
    ['POST /partnerships/{id}/end', async () => ({ params: { id: await f.agreement(false) } }), { params: { id: MISSING.partnership } }],
    [
      'POST /partnerships',
      async () => ({ body: { teamId: 't-gc-lexiujiang', toCommunityId: 'c-rt-third', gridIds: ['g-gucheng-1'], skills: ['electrician'] } }),
      { body: { teamId: MISSING.team, toCommunityId: 'c-rt-third', gridIds: ['g-gucheng-1'], skills: ['electrician'] } },
    ],
  ] as const)('%s: 404, as for one that does not exist', async (route, real, missing) => {
    const [a, b] = [await as3(route, await real()), await as3(route, missing)];
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.body).toEqual(b.body);
  });

  test('GET /partnerships shows them none of the two communities’ agreements', async () => {
    const res = await as3('GET /partnerships', {});
    expect([res.status, res.body.items]).toEqual([200, []]);
  });
});

// Last: these end the callers' own sessions.
describe('routes that end the caller’s sessions', () => {
  test.each(ROUTE_ACCESS.filter((e) => e.last).map((e) => [e.route, e] as const))('%s', async (_route, e) => {
    await runEntry(e);
    // Ended: the token used a moment ago is refused at once.
    const res = await request('GET', '/me', { token: await tokenOf(PEOPLE.li) });
    expect(res.status).toBe(401);
  });
});
