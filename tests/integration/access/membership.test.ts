import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { forgetAccessToken } from '../../../functions/auth/wechat';
import { tableName } from '../../../functions/config';
import { db } from '../../../functions/data/db';
import { readInbox } from '../../../functions/data/notifications';
import { getSlot } from '../../../functions/data/booking/slots';
import { getUser, putUser } from '../../../functions/data/users';
import { getWish } from '../../../functions/data/wishes';
import { slotIdOf } from '../../../shared/domain/booking/schedule';
import { Me } from '../../../shared/schemas/users';
import { startFakeWechat, type FakeWechat } from '../../../scripts/fake-wechat';
import { as, request, type ApiResponse } from '../../helpers/api';
import { book, codeOf, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { LAMP, step, submit } from '../../helpers/wishes';

useDemoTable();

const APP_ID = 'wx-membership-test';
const APP_SECRET = 'membership-app-secret';
const GRID_1 = 'u-grid-sun'; // 孙丽: grids 1 and 2 of 古城
const HONGMAO = 't-gc-hongmao'; // led by 刘建军 (u-vol-liu)
const HOURS = { workday: [{ from: '18:00', to: '20:00' }], restday: [] };
/** A shared place of 3号楼 (grid 1), as 王秀英 would post it: what 我也遇到 and GET /wishes/similar are about. */
const STAIRS = { description: '3号楼楼道的灯不亮了,晚上上下楼很危险', category: 'cat-electric', buildingId: 'b-gc-3', shared: true };

let wechat: FakeWechat;
let seq = 0;
beforeAll(async () => {
  wechat = await startFakeWechat({ appId: APP_ID, secret: APP_SECRET });
  Object.assign(process.env, { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_API_BASE: wechat.baseUrl });
  forgetAccessToken();
});
afterAll(() => wechat.close());

/** A fresh WeChat account (through the stand-in) that says it lives in 3号楼 of 古城 (grid 1): nobody has verified it. */
async function newcomer(
  name = '新邻居',
): Promise<{ id: string; call: (method: string, url: string, body?: unknown) => Promise<ApiResponse> }> {
  const code = `code-member-${++seq}`;
  wechat.issue(code, `openid-member-${seq}`);
  const signedIn = await request('POST', '/auth/wechat', { body: { code } });
  expect(signedIn.status).toBe(200);
  const token: string = signedIn.body.token;
  const call = (method: string, url: string, body?: unknown) =>
    request(method, url, {
      token,
      body,
      headers: method === 'POST' && url === '/bookings' ? { 'Idempotency-Key': `member-key-${++seq}-abcdef` } : {},
    });
  const me = await call('PATCH', '/me', {
    name,
    home: { buildingId: 'b-gc-3', flat: '5单元501' },
    phone: `1391111${String(seq).padStart(4, '0')}`,
  });
  expect(me.body).toMatchObject({ onboarded: true, verified: false, home: { communityId: 'c-gucheng', gridId: 'g-gucheng-1' } });
  return { id: Me.parse(me.body).id, call };
}

const refusal = (res: ApiResponse) => `${res.status} ${res.body?.error?.code ?? ''}`.trim();
const applications = async (userId: string) =>
  (await readInbox(userId, false)).items.filter((n) => n.kind === 'volunteer_application').length;

describe('membership comes from verification', () => {
  test('an unverified account reads its declared community’s public things and posts wishes, but acts on nobody until its grid worker verifies it', async () => {
    const { id, call } = await newcomer('林先生');
    // Set the scene: a neighbour's open wish about the stairwell, a first-come slot, a full slot, a ballot.
    const neighbours = (await submit(STAIRS, 'u-res-wang')).wish;
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const open = await slotIn(svc, 3 * DAY_MS);
    // Another service: one active booking a service is the haircut's quota.
    const full = await slotIn(await testService({ seatsPerSlot: 1, reservedPercent: 0 }), 4 * DAY_MS, 1);
    const [other] = await addResidents(1, 'member-full');
    expect((await book(other, full.id)).status).toBe(201);
    const ballot = await testService({ allocation: 'ballot', seatsPerSlot: 3, reservedPercent: 0, ballotHours: 48 });
    const ballotSlot = await slotIn(ballot, 6 * DAY_MS);
    const leadTold = await applications('u-vol-liu');

    // Reading the public things of the declared community, and posting (the wish waits in triage).
    const services = await call('GET', '/services');
    expect(services.status).toBe(200);
    expect(services.body.items.map((s: { id: string }) => s.id)).toContain(svc.id);
    const slots = await call('GET', `/services/${svc.id}/slots`);
    expect(slots.status).toBe(200);
    expect(slots.body.items.map((s: { id: string }) => s.id)).toContain(open.id);
    expect((await call('GET', '/wall')).status).toBe(200);
    expect((await call('GET', '/teams/directory')).body.items.map((t: { id: string }) => t.id)).toContain(HONGMAO);
    const posted = await call('POST', '/wishes', { ...LAMP, buildingId: 'b-gc-3' });
    expect(posted.status).toBe(201);
    expect(posted.body.wish).toMatchObject({ status: 'submitted', ownerVerified: false });

    // Acting on others: 403 NOT_VERIFIED, saying who verifies; and nothing happened.
    const refused = {
      support: await call('POST', `/wishes/${neighbours.id}/support`, {}),
      similar: await call('GET', '/wishes/similar?buildingId=b-gc-3&category=cat-electric'),
      book: await call('POST', '/bookings', { slotId: open.id }),
      waitlist: await call('POST', '/bookings', { slotId: full.id, waitlist: true }),
      ballot: await call('POST', '/bookings', { slotId: ballotSlot.id }),
      apply: await call('POST', `/teams/${HONGMAO}/applications`, { skills: ['visiting'], hours: HOURS }),
      draw: await call('GET', `/services/${ballot.id}/draws/${ballotSlot.id}`),
    };
    for (const [what, res] of Object.entries(refused)) expect([what, refusal(res)]).toEqual([what, '403 NOT_VERIFIED']);
    expect(refused.similar.text).not.toContain(STAIRS.description);
    expect(refused.book.body.error.message).toMatch(/grid worker/);
    expect((await getWish(neighbours.id))!.supporters).toBe(0);
    expect((await getSlot(open.id))!.booked).toBe(0);
    expect((await getSlot(full.id))!.waiting).toBe(0);
    expect(await applications('u-vol-liu')).toBe(leadTold);
    // The wish page offers no 我也遇到 to them either (they could not see it anyway: a stranger's wish is a 404).
    expect((await call('GET', `/wishes/${neighbours.id}`)).status).toBe(404);

    // Their grid worker verifies them: now they may.
    expect((await as(GRID_1).post(`/residents/${id}/verify`, {})).body.verified).toBe(true);
    const similar = await call('GET', '/wishes/similar?buildingId=b-gc-3&category=cat-electric');
    expect(similar.status).toBe(200);
    expect(similar.body.items.map((w: { id: string }) => w.id)).toContain(neighbours.id);
    expect((await call('POST', `/wishes/${neighbours.id}/support`, {})).status).toBe(200);
    expect((await getWish(neighbours.id))!.supporters).toBe(1);
    expect(refusal(await call('POST', '/bookings', { slotId: open.id }))).toBe('201');
    expect((await call('POST', '/bookings', { slotId: full.id, waitlist: true })).body.status).toBe('waiting');
    expect((await call('POST', '/bookings', { slotId: ballotSlot.id })).body.status).toBe('applied');
    expect(refusal(await call('POST', `/teams/${HONGMAO}/applications`, { skills: ['visiting'], hours: HOURS }))).toBe('201');
    expect(await applications('u-vol-liu')).toBe(leadTold + 1);
  });

  test('a grid worker booking for an unverified resident is refused NOT_VERIFIED: the resident must be verified, not the booker', async () => {
    const [unverified] = await addResidents(1, 'member-behalf', 'b-gc-3', false);
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const res = await book(GRID_1, slot.id, { forResidentId: unverified, consent: true });
    expect(codeOf(res)).toBe('403 NOT_VERIFIED');
    expect(res.body.error.message).toMatch(/grid worker/);
    await as(GRID_1).post(`/residents/${unverified}/verify`, {});
    expect(codeOf(await book(GRID_1, slot.id, { forResidentId: unverified, consent: true }))).toBe('201');
  });
});

describe('nobody learns which slots exist by booking where they may not', () => {
  test('a 平坦垴 resident booking a 古城 slot: 404, exactly as for a missing slot', async () => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const missing = slotIdOf(svc.id, Date.parse(slot.start) + 60_000);
    const there = await book('u-res-ptn', slot.id);
    const nowhere = await book('u-res-ptn', missing);
    expect(there.status).toBe(404);
    expect(there.body).toEqual(nowhere.body);
    expect((await getSlot(slot.id))!.booked).toBe(0);
  });

  test.each([
    ['the grid worker of other grids', 'u-grid-zhou'],
    ["another community's staff", 'u-staff-ptn'],
    ['a resident naming someone else', 'u-res-zhao'],
  ])('booking on behalf of 李建国 (grid 1) by %s: the same 404 whether or not the slot exists', async (_who, caller) => {
    const svc = await testService({ seatsPerSlot: 5, reservedPercent: 0 });
    const slot = await slotIn(svc, 3 * DAY_MS);
    const missing = slotIdOf(svc.id, Date.parse(slot.start) + 60_000);
    const there = await book(caller, slot.id, { forResidentId: 'u-res-li', consent: true });
    const nowhere = await book(caller, missing, { forResidentId: 'u-res-li', consent: true });
    expect(there.status).toBe(404);
    expect(there.body).toEqual(nowhere.body);
    expect((await getSlot(slot.id))!.booked).toBe(0);
    // His own grid worker may: the slot exists for her.
    expect((await book(GRID_1, slot.id, { forResidentId: 'u-res-li', consent: true })).status).toBe(201);
  });
});

describe('what undoes a verification, and how often a home may change', () => {
  test('at most 2 changes of home in 30 days (the first home said is none); each undoes the verification', async () => {
    const { id, call } = await newcomer('搬家的邻居');
    const move = (buildingId: string) => call('PATCH', '/me', { home: { buildingId, flat: '1单元101' } });
    await as(GRID_1).post(`/residents/${id}/verify`, {});
    const first = await move('b-gc-1');
    expect(first.body).toMatchObject({ verified: false, home: { buildingId: 'b-gc-1' } });
    expect((await move('b-gc-2')).status).toBe(200);
    const third = await move('b-ptn-1');
    expect(refusal(third)).toBe('409 TOO_MANY_HOME_CHANGES');
    expect((await getUser(id))!.home).toMatchObject({ buildingId: 'b-gc-2', communityId: 'c-gucheng' });
    // Other changes go on; a month later the home may change again.
    expect((await call('PATCH', '/me', { name: '还是我' })).status).toBe(200);
    const stored = (await getUser(id))!;
    const monthAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
    await putUser({ ...stored, homeChanges: [monthAgo(31), monthAgo(40)] });
    expect((await move('b-ptn-1')).body).toMatchObject({ home: { communityId: 'c-pingtannao' } });
  });

  test("a typed phone number undoes the verification; one from WeChat's phone button keeps it", async () => {
    const { id, call } = await newcomer('换号的邻居');
    await as(GRID_1).post(`/residents/${id}/verify`, {});
    wechat.issuePhone('member-phone-1', '13977778888');
    const fromWechat = await call('PATCH', '/me', { phoneCode: 'member-phone-1' });
    expect(fromWechat.body).toMatchObject({ phone: '13977778888', verified: true });
    const typed = await call('PATCH', '/me', { phone: '13977779999' });
    expect(typed.body).toMatchObject({ phone: '13977779999', verified: false });
    expect((await getUser(id))!.verifiedBy).toBeNull();
  });
});

describe('a declined applicant waits before asking the same team again', () => {
  test('applying again within 30 days of a decline: 409 APPLY_TOO_SOON, and nobody is told; after it, the application goes in', async () => {
    const [applicant] = await addResidents(1, 'member-apply');
    const apply = () => as(applicant).post(`/teams/${HONGMAO}/applications`, { skills: ['visiting'], hours: HOURS });
    expect((await apply()).status).toBe(201);
    expect(refusal(await apply())).toBe('409 INVALID_TRANSITION'); // still pending
    expect(
      (await as('u-vol-liu').post(`/teams/${HONGMAO}/applications/${applicant}/decide`, { approve: false, reason: '名额已满' })).status,
    ).toBe(200);
    const told = await applications('u-vol-liu');
    const again = await apply();
    expect(refusal(again)).toBe('409 APPLY_TOO_SOON');
    expect(again.body.error.message).toMatch(/30 days/);
    expect(await applications('u-vol-liu')).toBe(told);
    // The decline was 31 days ago: the application goes in, and the lead is told once more.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: `APPLICATION#${HONGMAO}#${applicant}`, SK: 'APPLICATION' },
        UpdateExpression: 'SET decidedBy.#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': new Date(Date.now() - 31 * DAY_MS).toISOString() },
      }),
    );
    expect((await apply()).status).toBe(201);
    expect(await applications('u-vol-liu')).toBe(told + 1);
  });
});

describe('the wall names a volunteer only if they agreed', () => {
  /** A wish of 李建国's claimed and done by 刘建军 (古城能人库), confirmed for the wall. */
  async function doneBy(volunteer: string): Promise<string> {
    const { wish } = await submit(LAMP);
    for (const action of ['claim', 'start', 'complete']) await step(volunteer, wish.id, action);
    await step('u-res-li', wish.id, 'confirm', { rating: 5, wall: 'summary' });
    return wish.id;
  }
  const onWall = async (id: string) =>
    (await as('u-res-zhao').get('/wall')).body.items.find((w: { id: string }) => w.id === id)?.claimantName;

  test('masked without consent, named with it; the consent counts for the wishes claimed while it is given', async () => {
    const before = await doneBy('u-vol-liu');
    expect(await onWall(before)).toBe('刘**');
    const agreed = await as('u-vol-liu').patch('/me/volunteer', { showNameOnWall: true });
    expect([agreed.status, agreed.body.showNameOnWall]).toEqual([200, true]);
    const after = await doneBy('u-vol-liu');
    expect(await onWall(after)).toBe('刘建军');
    expect(await onWall(before)).toBe('刘**');
    await as('u-vol-liu').patch('/me/volunteer', { showNameOnWall: false });
    expect(await onWall(await doneBy('u-vol-liu'))).toBe('刘**');
  });
});
