import { forgetAccessToken } from '../../functions/auth/wechat';
import { getUser } from '../../functions/data/users';
import { getWishWithTimeline } from '../../functions/data/wishes';
import { startFakeWechat, type FakeWechat } from '../../scripts/fake-wechat';
import { Me } from '../../shared/schemas/users';
import { as, request } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { LAMP } from '../helpers/wishes';

useDemoTable();

const APP_ID = 'wx-onboarding-test';
const APP_SECRET = 'onboarding-app-secret';

describe('a new resident, through the real sign-in path', () => {
  let wechat: FakeWechat;
  let seq = 0;
  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: APP_ID, secret: APP_SECRET });
    Object.assign(process.env, { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_API_BASE: wechat.baseUrl });
    forgetAccessToken();
  });
  afterAll(() => wechat.close());

  /** Signs a new person in with WeChat (through the stand-in) and returns their token and user. */
  async function newcomer(): Promise<{ token: string; me: Me }> {
    const code = `code-new-${++seq}`;
    wechat.issue(code, `openid-new-${seq}`);
    const res = await request('POST', '/auth/wechat', { body: { code } });
    expect(res.status).toBe(200);
    return { token: res.body.token, me: Me.parse(res.body.user) };
  }
  const patch = (token: string, body: unknown) => request('PATCH', '/me', { token, body });
  const post = (token: string, body: unknown) => request('POST', '/wishes', { token, body });
  const HOME = { buildingId: 'b-gc-3', flat: '4单元601' };

  test('the first sign-in knows nobody: no home, not onboarded, not verified, and cannot post yet', async () => {
    const { token, me } = await newcomer();
    expect(me).toMatchObject({ roles: ['resident'], home: null, onboarded: false, verified: false });
    const res = await post(token, LAMP);
    expect([res.status, res.body.error.code]).toEqual([403, 'PROFILE_INCOMPLETE']);
  });

  test('saying name, home and phone onboards them, and the grid worker of that grid sees them first, unverified', async () => {
    const { token, me } = await newcomer();
    const saved = await patch(token, { name: '陈阿姨', home: HOME, phone: '13911112222' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      name: '陈阿姨',
      onboarded: true,
      verified: false,
      home: { buildingId: 'b-gc-3', gridId: 'g-gucheng-1', communityId: 'c-gucheng', flat: '4单元601' },
    });
    const list = await as('u-grid-sun').get('/residents');
    expect(list.body.items.find((r: { id: string }) => r.id === me.id)).toMatchObject({
      name: '陈阿姨',
      verified: false,
      phone: '139****2222',
      buildingName: '3号楼',
    });
    // Those still to be verified come first.
    const flags: boolean[] = list.body.items.map((r: { verified: boolean }) => r.verified);
    expect(flags[0]).toBe(false);
    expect(flags).toEqual([...flags].sort());
    // A grid worker of other grids does not see or verify them.
    expect((await as('u-grid-zhou').get('/residents')).body.items.map((r: { id: string }) => r.id)).not.toContain(me.id);
    expect((await as('u-grid-zhou').post(`/residents/${me.id}/verify`, {})).status).toBe(404);
  });

  test("an unverified resident's wish waits in triage, marked; once verified, wishes are routed at once", async () => {
    const { token, me } = await newcomer();
    await patch(token, { name: '周大爷', home: HOME, phone: '13922223333' });
    const first = await post(token, { ...LAMP, buildingId: 'b-gc-3' });
    expect(first.status).toBe(201);
    expect(first.body.wish).toMatchObject({ status: 'submitted', ownerVerified: false, teamId: null });
    expect(first.body.timeline[0].note).toContain('待网格员核实');
    const triage = await as('u-grid-sun').get('/triage');
    expect(triage.body.items.find((w: { id: string }) => w.id === first.body.wish.id)).toMatchObject({ ownerVerified: false });

    const verified = await as('u-grid-sun').post(`/residents/${me.id}/verify`, {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: me.id, verified: true });
    expect((await getUser(me.id))?.verifiedBy).toMatchObject({ userId: 'u-grid-sun', name: '孙丽' });
    const second = await post(token, { ...LAMP, buildingId: 'b-gc-3' });
    expect(second.body.wish).toMatchObject({ status: 'routed', ownerVerified: true, teamId: 't-gc-nengren' });
  });

  test('moving house undoes the verification; the new grid worker verifies again', async () => {
    const { token, me } = await newcomer();
    await patch(token, { name: '吴奶奶', home: HOME, phone: '13933334444' });
    await as('u-grid-sun').post(`/residents/${me.id}/verify`, {});
    const moved = await patch(token, { home: { buildingId: 'b-gc-20', flat: '1单元101' } });
    expect(moved.body).toMatchObject({ verified: false, home: { gridId: 'g-gucheng-4' } });
    const phoneOnly = await patch(token, { phone: '13933335555' });
    expect(phoneOnly.body.verified).toBe(false);
    expect((await as('u-grid-zhou').post(`/residents/${me.id}/verify`, {})).body.verified).toBe(true);
    // A number from WeChat's phone button keeps the verification; a typed one undoes it.
    wechat.issuePhone('phone-code-moved', '13933336666');
    expect((await patch(token, { phoneCode: 'phone-code-moved' })).body).toMatchObject({ phone: '13933336666', verified: true });
    expect((await patch(token, { phone: '13933337777' })).body.verified).toBe(false);
  });

  test.each([
    ['their roles', { roles: ['staff'] }, 'roles'],
    ['the verified flag', { verified: true }, 'verified'],
    ['the grids they serve', { gridIds: ['g-gucheng-1'] }, 'gridIds'],
    ['a team', { teamIds: ['t-gc-nengren'] }, 'teamIds'],
  ])('a resident cannot set %s: 400 naming the field, and nothing changes', async (_name, body, field) => {
    const { token, me } = await newcomer();
    const res = await patch(token, { name: '想当管理员', ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.issues)).toContain(field);
    const stored = await getUser(me.id);
    expect(stored).toMatchObject({
      name: '微信用户',
      roles: ['resident'],
      verified: false,
      gridIds: [],
      teamIds: [],
      staffCommunityIds: [],
    });
  });

  test('bad profile input gets a clear error: unknown building, bad phone, empty body', async () => {
    const { token } = await newcomer();
    expect((await patch(token, { home: { buildingId: 'b-nowhere', flat: '1' } })).body.error.issues[0].path).toBe('body.home.buildingId');
    expect((await patch(token, { phone: '12345' })).body.error.issues[0].path).toBe('body.phone');
    expect((await patch(token, {})).status).toBe(400);
    expect((await patch(token, { home: { buildingId: 'g-gucheng-1', flat: '1' } })).status).toBe(400); // a grid is no building
  });

  test('in the mini-program the phone comes from WeChat’s phone-number button; a used code is refused', async () => {
    const { token } = await newcomer();
    wechat.issuePhone('phone-code-1', '13944445555');
    const saved = await patch(token, { phoneCode: 'phone-code-1' });
    expect([saved.status, saved.body.phone]).toEqual([200, '13944445555']);
    const again = await patch(token, { phoneCode: 'phone-code-1' });
    expect([again.status, again.body.error.code]).toEqual([401, 'WECHAT_CODE_INVALID']);
  });

  test('a resident posts only for places in their own community', async () => {
    const { token } = await newcomer();
    await patch(token, { name: '郑先生', home: HOME, phone: '13955556666' });
    const elsewhere = await post(token, { ...LAMP, buildingId: 'b-ptn-1' });
    expect([elsewhere.status, elsewhere.body.error.code, elsewhere.body.error.issues[0].path]).toEqual([
      403,
      'FORBIDDEN',
      'body.buildingId',
    ]);
    // The same rule holds for a demo resident, and for a grid worker filing for a resident.
    expect((await as('u-res-li').post('/wishes', { ...LAMP, buildingId: 'b-ptn-2' })).status).toBe(403);
    const filed = await as('u-grid-sun').post('/wishes', { ...LAMP, buildingId: 'b-ptn-1', onBehalfOf: 'u-res-wang', consent: true });
    expect(filed.status).toBe(403);
    const inOwn = await post(token, { ...LAMP, buildingId: 'b-gc-39' });
    expect(inOwn.status).toBe(201);
    expect((await getWishWithTimeline(inOwn.body.wish.id))?.wish.communityId).toBe('c-gucheng');
  });
});
