import type { WishDetail, WishPage } from '../../shared/schemas/wishes';
import { WishDetail as WishDetailSchema, WishPage as WishPageSchema } from '../../shared/schemas/wishes';
import { getUser, putUser } from '../../functions/data/users';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { CLAIMANT, CLUTTER, GRID_WORKER, LAMP, OWNER, step, submit, wishIn } from '../helpers/wishes';

useDemoTable();

/** Each test makes the wishes it needs: none depends on another having run first. */
describe('a micro-wish from submission to the resident confirming it', () => {
  test('a resident submits a wish and it is routed at once to the team with the skill', async () => {
    const res = await as(OWNER).post<WishDetail>('/wishes', { ...LAMP, urgency: 'urgent' });
    expect(res.status).toBe(201);
    const detail = WishDetailSchema.parse(res.body);
    expect(detail.wish).toMatchObject({
      status: 'routed',
      teamId: 't-gc-nengren',
      teamName: '古城能人库',
      ownerName: '李建国',
      urgency: 'urgent',
      buildingName: '1号楼',
      flat: '1单元101',
      contactPhone: '13800000002',
      gridId: 'g-gucheng-1',
      communityId: 'c-gucheng',
    });
    expect(detail.timeline.map((e) => [e.action, e.to, e.actorRole])).toEqual([
      ['submit', 'submitted', 'resident'],
      ['route', 'routed', 'system'],
    ]);
  });

  test('the volunteers of the routed team find it in the inbox, urgent first, without the flat or the phone', async () => {
    const normal = (await submit()).wish.id;
    const urgent = (await submit({ ...LAMP, urgency: 'urgent' })).wish.id;
    const res = await as(CLAIMANT).get<WishPage>('/tasks?view=open');
    expect(res.status).toBe(200);
    const items = WishPageSchema.parse(res.body).items;
    expect(items.find((w) => w.id === urgent)).toMatchObject({ flat: null, contactPhone: '138****0002', buildingName: '1号楼' });
    const ids = items.map((w) => w.id);
    expect(ids.indexOf(urgent)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(urgent)).toBeLessThan(ids.indexOf(normal));
    expect(items.slice(0, ids.indexOf(urgent)).every((w) => w.urgency === 'urgent')).toBe(true);
    const otherTeam = await as('u-vol-chen').get<WishPage>('/tasks');
    expect(otherTeam.status).toBe(200);
    expect(otherTeam.body.items.map((w: { id: string }) => w.id)).not.toContain(urgent);
  });

  test('claim, start, complete and confirm move it along, and the timeline records every step', async () => {
    const { wish } = await submit();
    const claimed = await step(CLAIMANT, wish.id, 'claim');
    expect(claimed.wish).toMatchObject({ status: 'claimed', claimantId: CLAIMANT, claimantName: '张师傅', flat: '1单元101' });
    expect(claimed.allowedActions).toEqual(['release', 'start', 'send_back', 'extend_lease']);
    expect((await as(CLAIMANT).get<WishPage>('/tasks?view=mine')).body.items.map((w: { id: string }) => w.id)).toContain(wish.id);
    expect((await as(CLAIMANT).get<WishPage>('/tasks?view=open')).body.items.map((w: { id: string }) => w.id)).not.toContain(wish.id);
    await step(CLAIMANT, wish.id, 'start');
    expect((await step(CLAIMANT, wish.id, 'complete', { note: '换了新灯泡和开关' })).wish.status).toBe('done');

    const before = await as(OWNER).get<WishDetail>(`/wishes/${wish.id}`);
    expect(before.body.allowedActions).toEqual(['confirm', 'dispute']);
    const confirmed = await step(OWNER, wish.id, 'confirm', { rating: 5, comment: '张师傅来得很快,谢谢!', wall: 'full' });
    expect(confirmed.wish).toMatchObject({ status: 'confirmed', rating: 5, comment: '张师傅来得很快,谢谢!', wallConsent: 'full' });
    expect(confirmed.allowedActions).toEqual([]);
    const timeline = confirmed.timeline;
    expect(timeline.map((e) => [e.seq, e.action, e.from, e.to, e.actorName])).toEqual([
      [1, 'submit', null, 'submitted', '李建国'],
      [2, 'route', 'submitted', 'routed', '自动派单'],
      [3, 'claim', 'routed', 'claimed', '张师傅'],
      [4, 'start', 'claimed', 'in_progress', '张师傅'],
      [5, 'complete', 'in_progress', 'done', '张师傅'],
      [6, 'confirm', 'done', 'confirmed', '李建国'],
    ]);
    expect(timeline[4].note).toBe('换了新灯泡和开关');
    const times = timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  test("the community's wall shows what each resident agreed to publish, to the community's own people", async () => {
    const confirmWith = async (wall: 'hidden' | 'summary' | 'full') => {
      const id = await wishIn('done');
      await step(OWNER, id, 'confirm', { rating: 5, comment: `${wall}:张师傅来得很快`, wall });
      return id;
    };
    const hidden = await confirmWith('hidden');
    const summary = await confirmWith('summary');
    const full = await confirmWith('full');
    const wall = await as('u-res-zhao').get('/wall');
    expect(wall.status).toBe(200);
    const ids = wall.body.items.map((w: { id: string }) => w.id);
    expect(ids).not.toContain(hidden);
    expect(ids.slice(0, 2)).toEqual([full, summary]); // newest first
    expect(wall.body.items[0]).toEqual({
      id: full,
      categoryName: '电路照明',
      description: LAMP.description,
      buildingName: '1号楼',
      ownerName: '李**',
      teamName: '古城能人库',
      claimantName: '张师傅',
      rating: 5,
      comment: 'full:张师傅来得很快',
      fulfilledAt: expect.any(String),
    });
    expect(wall.body.items[1]).toMatchObject({ id: summary, ownerName: '李**', description: null, comment: null });
    expect(wall.text).not.toContain('13800000002');
    expect(wall.text).not.toContain('1单元101');
    expect(wall.text).not.toContain('summary:');
    // A volunteer of the community's team reads it too; another community's people do not.
    expect((await as('u-vol-chen').get('/wall')).body.items.map((w: { id: string }) => w.id)).toContain(full);
    const other = await as('u-res-ptn').get('/wall');
    expect(other.body.items.map((w: { id: string }) => w.id)).not.toContain(full);
    const asked = await as('u-res-ptn').get('/wall?communityId=c-gucheng');
    expect([asked.status, asked.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  test('the resident finds their own wishes newest first, and nobody else’s', async () => {
    const earlier = await submit();
    const later = await submit(CLUTTER);
    const res = await as(OWNER).get<WishPage>('/wishes?scope=mine');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((w: { id: string }) => w.id);
    expect(ids.indexOf(later.wish.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(later.wish.id)).toBeLessThan(ids.indexOf(earlier.wish.id));
    expect(ids).not.toContain('w-demo-fan'); // 王秀英's wish
  });
});

describe('the other ways a wish can go', () => {
  test('a disputed wish goes back to the same volunteer, who completes it again', async () => {
    const { wish } = await submit();
    await step(CLAIMANT, wish.id, 'claim');
    await step(CLAIMANT, wish.id, 'start');
    await step(CLAIMANT, wish.id, 'complete');
    const disputed = await step(OWNER, wish.id, 'dispute', { reason: '灯还是一闪一闪的' });
    expect(disputed.wish).toMatchObject({ status: 'in_progress', claimantId: CLAIMANT });
    expect(disputed.timeline.at(-1)).toMatchObject({ action: 'dispute', note: '灯还是一闪一闪的', actorRole: 'resident' });
    expect((await step(CLAIMANT, wish.id, 'complete')).wish.status).toBe('done');
  });

  test('a released claim returns to the team inbox for someone else', async () => {
    const { wish } = await submit();
    await step(CLAIMANT, wish.id, 'claim');
    const released = await step(CLAIMANT, wish.id, 'release', { reason: '临时出差' });
    expect(released.wish).toMatchObject({ status: 'routed', claimantId: null });
    const other = await step('u-vol-liu', wish.id, 'claim');
    expect(other.wish.claimantId).toBe('u-vol-liu');
  });

  test('an untriaged wish waits in the grid worker queue, oldest first, until routed by hand', async () => {
    const first = await submit(CLUTTER);
    const second = await submit(CLUTTER);
    expect(first.wish.status).toBe('submitted');
    const queue = await as(GRID_WORKER).get<WishPage>('/triage?stage=submitted');
    const ids = queue.body.items.map((w: { id: string }) => w.id);
    expect(ids.indexOf(first.wish.id)).toBeLessThan(ids.indexOf(second.wish.id));
    const staffQueue = await as('u-staff-guo').get<WishPage>('/triage?stage=submitted');
    expect(staffQueue.body.items.map((w: { id: string }) => w.id)).toContain(first.wish.id);

    const routed = await step(GRID_WORKER, first.wish.id, 'route', { teamId: 't-gc-hongmao', reason: '红帽的马大姐熟悉这栋楼的老人' });
    expect(routed.wish).toMatchObject({ status: 'routed', teamId: 't-gc-hongmao', teamName: '红帽党员志愿队' });
    expect(routed.timeline.at(-1)).toMatchObject({ action: 'route', actorRole: 'gridWorker', actorName: '孙丽' });
    const after = await as(GRID_WORKER).get<WishPage>('/triage?stage=submitted');
    expect(after.body.items.map((w: { id: string }) => w.id)).not.toContain(first.wish.id);
    const inbox = await as('u-vol-ma').get<WishPage>('/tasks?view=open');
    expect(inbox.body.items.map((w: { id: string }) => w.id)).toContain(first.wish.id);
  });

  test('routing to a team of another community is refused', async () => {
    const { wish } = await submit(CLUTTER);
    const res = await as(GRID_WORKER).post(`/wishes/${wish.id}/route`, { teamId: 't-ptn-nengren' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  test('staff close a wish unfixed with a reason, and it is not counted as fulfilled', async () => {
    const { wish } = await submit();
    const closed = await step('u-staff-guo', wish.id, 'close', { reason: '线路老化,需要物业整体改造' });
    expect(closed.wish.status).toBe('closed_unfixed');
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'close', note: '线路老化,需要物业整体改造', actorRole: 'staff' });
  });

  test('a grid worker files a wish for an elderly resident with consent; it is the resident’s wish', async () => {
    const res = await as(GRID_WORKER).post<WishDetail>('/wishes', {
      ...LAMP,
      buildingId: 'b-gc-3',
      onBehalfOf: 'u-res-wang',
      consent: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.wish).toMatchObject({ ownerId: 'u-res-wang', flat: '2单元302', filedBy: { userId: GRID_WORKER, name: '孙丽' } });
    expect(res.body.timeline[0]).toMatchObject({ actorId: GRID_WORKER, actorRole: 'gridWorker', onBehalf: true });
    const mine = await as('u-res-wang').get<WishPage>('/wishes?scope=mine');
    expect(mine.body.items.map((w: { id: string }) => w.id)).toContain(res.body.wish.id);
  });

  test('filing for a resident without consent, or for a resident outside the grid, is refused', async () => {
    const noConsent = await as(GRID_WORKER).post('/wishes', { ...LAMP, onBehalfOf: 'u-res-wang' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.issues[0].path).toBe('body.consent');
    const outside = await as(GRID_WORKER).post('/wishes', { ...LAMP, onBehalfOf: 'u-res-ptn', consent: true });
    expect(outside.status).toBe(404);
  });

  test('a scope counts only with its role: grids left on a staff member of another community reach nobody', async () => {
    const staff = (await getUser('u-staff-ptn'))!;
    await putUser({ ...staff, id: 'u-staff-stale-grids', gridIds: ['g-gucheng-1'], demo: true });
    const res = await as('u-staff-stale-grids').post('/wishes', { ...LAMP, buildingId: 'b-gc-3', onBehalfOf: 'u-res-wang', consent: true });
    const missing = await as('u-staff-stale-grids').post('/wishes', {
      ...LAMP,
      buildingId: 'b-gc-3',
      onBehalfOf: 'u-nobody',
      consent: true,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(missing.body);
  });
});

describe('reference data', () => {
  test('categories, the place tree, teams and me answer for a signed-in user', async () => {
    const categories = await as(OWNER).get('/categories');
    expect(categories.body.items.map((c: { name: string }) => c.name)).toContain('电路照明');
    const places = await as(OWNER).get('/places');
    expect(places.body.items[0]).toMatchObject({ name: '北大街街道', kind: 'street' });
    const teams = await as('u-staff-guo').get('/teams');
    expect(teams.body.items.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['古城能人库', '乐修匠维修队', '红帽党员志愿队', '城市照明管护中心', '古城派出所']),
    );
    expect(teams.body.items.map((t: { communityId: string }) => t.communityId)).not.toContain('c-pingtannao');
    const me = await as(GRID_WORKER).get('/me');
    expect(me.body).toMatchObject({ id: GRID_WORKER, roles: ['gridWorker'], gridCommunityIds: ['c-gucheng'] });
  });
});
