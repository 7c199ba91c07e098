import { SignJWT } from 'jose';
import { as, request, tokenOf } from '../../helpers/api';
import { useDemoTable } from '../../helpers/table';
import { CLUTTER, OWNER, submit, wishIn } from '../../helpers/wishes';

useDemoTable();

/** People who must not reach 李建国's wish in 古城社区, 1号楼. */
const STRANGERS = {
  'another resident': 'u-res-zhao',
  'a volunteer of another team': 'u-vol-chen',
  'a volunteer of another community': 'u-vol-qian',
  'a grid worker of other grids': 'u-grid-zhou',
  'a grid worker of another community': 'u-grid-ptn',
  'staff of another community': 'u-staff-ptn',
};

describe('another user’s wish does not exist for you', () => {
  let id: string;
  let missing: { status: number; body: unknown };
  beforeAll(async () => {
    id = (await submit()).wish.id;
    missing = await as('u-res-zhao').get('/wishes/no-such-wish');
  });

  test.each(Object.entries(STRANGERS))('%s gets 404 for the wish, exactly as for a wish that does not exist', async (_who, userId) => {
    const res = await as(userId).get(`/wishes/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(missing.body);
  });

  test.each(Object.entries(STRANGERS))('%s cannot act on it: 404 where the role fits, 403 where it does not', async (_who, userId) => {
    const roles = (await as(userId).get('/me')).body.roles as string[];
    for (const [action, body, allowedRoles] of [
      ['claim', {}, ['volunteer']],
      ['route', { teamId: 't-gc-nengren' }, ['gridWorker', 'staff']],
      ['close', { reason: '无法处理' }, ['gridWorker', 'staff']],
      ['confirm', { rating: 1, consent: true }, ['resident', 'gridWorker', 'staff']],
    ] as const) {
      const res = await as(userId).post(`/wishes/${id}/${action}`, body);
      expect([action, res.status]).toEqual([action, allowedRoles.some((r) => roles.includes(r)) ? 404 : 403]);
    }
    const stored = await as(OWNER).get(`/wishes/${id}`);
    expect(stored.body.wish.status).toBe('routed');
  });

  test('lists show only what is yours or your scope’s', async () => {
    const submitted = await wishIn('submitted');
    const zhaos = await submit({ ...CLUTTER, buildingId: 'b-gc-6' }, 'u-res-zhao');
    const mine = await as('u-res-zhao').get('/wishes?scope=mine');
    const owners = mine.body.items.map((w: { ownerId: string }) => w.ownerId);
    expect(mine.body.items.map((w: { id: string }) => w.id)).toContain(zhaos.wish.id);
    expect(owners).not.toContain(OWNER);
    expect(new Set(owners)).toEqual(new Set(['u-res-zhao']));
    const otherTeam = await as('u-vol-chen').get('/tasks');
    expect(otherTeam.body.items.map((w: { id: string }) => w.id)).not.toContain(id);
    const otherCommunity = await as('u-grid-ptn').get('/triage');
    expect(otherCommunity.body.items.map((w: { id: string }) => w.id)).not.toContain(submitted);
    const otherGrids = await as('u-grid-zhou').get('/triage');
    expect(otherGrids.body.items.map((w: { id: string }) => w.id)).not.toContain(submitted);
    const ptnTeams = await as('u-staff-ptn').get('/teams');
    expect(ptnTeams.body.items.map((t: { id: string }) => t.id)).toEqual(['t-ptn-nengren']);
  });
});

describe('the residents a grid worker may file for', () => {
  test('a grid worker sees the residents of their grids, staff those of their community, by name', async () => {
    const sun = await as('u-grid-sun').get('/residents');
    expect(sun.status).toBe(200);
    expect(sun.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
      ['u-res-li', 'u-res-wang', 'u-res-zhao', 'u-vol-liu', 'u-vol-zhang'].sort(),
    );
    expect(sun.body.items.find((r: { id: string }) => r.id === 'u-res-wang')).toEqual({
      id: 'u-res-wang',
      name: '王秀英',
      buildingId: 'b-gc-3',
      buildingName: '3号楼',
      flat: '2单元302',
      gridId: 'g-gucheng-1',
      phone: '138****0001',
      verified: true,
      birthYear: 1948, // the year only: for age rules when booking on her behalf
    });
    // Staff of the community see the whole number, to call back.
    const guo = await as('u-staff-guo').get('/residents');
    expect(guo.body.items.find((r: { id: string }) => r.id === 'u-res-wang')?.phone).toBe('13800000001');
    const ptn = await as('u-staff-ptn').get('/residents');
    expect(ptn.body.items.map((r: { id: string }) => r.id)).toEqual(['u-res-ptn']);
    expect((await as('u-res-li').get('/residents')).status).toBe(403);
  });
});

describe('roles', () => {
  test.each([
    ['a resident reads the triage queue', 'u-res-li', '/triage'],
    ['a resident lists teams', 'u-res-li', '/teams'],
    ['a resident reads the volunteer inbox', 'u-res-li', '/tasks'],
    ['a volunteer who is no resident lists “my wishes”', 'u-vol-chen', '/wishes?scope=mine'],
  ])('%s: 403', async (_name, userId, url) => {
    const res = await as(userId).get(url);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  test('a grid worker must name the resident they file for', async () => {
    const res = await as('u-grid-sun').post('/wishes', { description: '路灯坏了', category: 'cat-electric', buildingId: 'b-gc-1' });
    expect(res.status).toBe(403);
  });
});

describe('authentication', () => {
  const secret = new TextEncoder().encode(process.env.JWT_SECRET);
  const sign = (claims: { sub: string; aud?: string; exp?: number }, key = secret) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('linli')
      .setAudience(claims.aud ?? 'linli-test')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '1h')
      .sign(key);

  test.each([
    ['no token', async () => undefined],
    ['a token that is not a JWT', async () => 'not-a-token'],
    ['a token signed with another key', async () => sign({ sub: OWNER }, new TextEncoder().encode('x'.repeat(40)))],
    ['a token of another stage', async () => sign({ sub: OWNER, aud: 'linli-prod' })],
    ['an expired token', async () => sign({ sub: OWNER, exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a token of a user who does not exist', async () => sign({ sub: 'u-nobody' })],
  ])('%s: 401 UNAUTHENTICATED', async (_name, make) => {
    const res = await request('GET', '/me', { token: await make() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  test('the token is checked before the body, so strangers learn nothing from validation', async () => {
    const res = await request('POST', '/wishes', { body: { nonsense: true } });
    expect(res.status).toBe(401);
  });

  test('a demo login returns a token and the user; the demo list shows roles', async () => {
    const res = await request('POST', '/auth/dev-login', { body: { userId: 'u-res-wang' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: 'u-res-wang', name: '王秀英', roles: ['resident'] });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const users = await request('GET', '/auth/dev-users');
    expect(users.body.items).toContainEqual({ id: 'u-staff-guo', name: '郭书记', roles: ['staff'] });
  });

  describe('outside the local and test stages', () => {
    const stage = process.env.STAGE;
    afterEach(() => {
      process.env.STAGE = stage;
    });

    test('the demo login and the demo user list do not exist', async () => {
      process.env.STAGE = 'prod';
      expect((await request('POST', '/auth/dev-login', { body: { userId: 'u-res-wang' } })).status).toBe(404);
      expect((await request('GET', '/auth/dev-users')).status).toBe(404);
    });

    test('a token issued by the test stage is refused', async () => {
      const token = await tokenOf(OWNER);
      process.env.STAGE = 'prod';
      expect((await request('GET', '/me', { token })).status).toBe(401);
    });
  });
});
