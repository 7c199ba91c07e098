import { readInbox } from '../../functions/data/notifications';
import { getWish, getWishWithTimeline } from '../../functions/data/wishes';
import { clocksOf } from '../../shared/domain/sla';
import { WishDetail, type Wish } from '../../shared/schemas/wishes';
import { clockContext } from '../../functions/data/settings';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { tickAt } from '../helpers/tick';
import { CLAIMANT, CLUTTER, GRID_WORKER, OWNER, step, submit } from '../helpers/wishes';

useDemoTable();

const STAFF = 'u-staff-guo';
const STREET = 'u-street-li';
const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const stored = async (id: string): Promise<Wish> => (await getWish(id))!;
/** When a clock of the wish, as it is stored now, ends (or turns yellow): computed by the same domain code the product runs. */
async function clockOf(id: string, name: string, at: 'endMs' | 'yellowMs' = 'endMs'): Promise<string> {
  const w = await stored(id);
  const c = clocksOf(w, await clockContext(new Date(), w.streetId)).find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} clock on ${w.status}`);
  return new Date(c[at]).toISOString();
}
const titles = async (userId: string, wishId: string) =>
  (await readInbox(userId, false)).items.filter((n) => n.link?.endsWith(wishId)).map((n) => n.title);

describe('escalation: grid → community → street, each hop an event the resident sees', () => {
  test('a wish nobody routes goes up at its limit, community staff are told, and the resident reads 已上报社区', async () => {
    const { wish } = await submit(CLUTTER);
    const routeEnd = await clockOf(wish.id, 'route');
    expect(wish.deadline).toBe(routeEnd);

    await tickAt(later(routeEnd, -1));
    expect((await stored(wish.id)).level).toBe('grid');
    await tickAt(routeEnd);
    const up = await getWishWithTimeline(wish.id);
    expect([up!.wish.level, up!.wish.status]).toEqual(['community', 'submitted']);
    expect(up!.timeline.at(-1)).toMatchObject({ action: 'escalate', actorRole: 'system', note: '「派单」已超时,已上报社区' });
    expect(await titles(STAFF, wish.id)).toEqual([expect.stringContaining('上报到社区')]);
    expect(await titles(OWNER, wish.id)).toEqual(['您的心愿已上报社区']);

    // The community's queue has it now, the grid's does not; the resident's page says where it is.
    expect((await as(STAFF).get('/triage', { query: { level: 'community' } })).body.items.map((w: Wish) => w.id)).toContain(wish.id);
    expect((await as(GRID_WORKER).get('/triage')).body.items.map((w: Wish) => w.id)).not.toContain(wish.id);
    expect(WishDetail.parse((await as(OWNER).get(`/wishes/${wish.id}`)).body).wish.level).toBe('community');
  });

  test('tick run twice for one moment changes nothing more, and a clock escalates once', async () => {
    const { wish } = await submit(CLUTTER);
    const routeEnd = await clockOf(wish.id, 'route');
    await tickAt(routeEnd);
    const once = await getWishWithTimeline(wish.id);
    await tickAt(routeEnd);
    await tickAt(later(routeEnd, 60));
    const twice = await getWishWithTimeline(wish.id);
    expect(twice!.wish.version).toBe(once!.wish.version);
    expect(twice!.timeline.filter((e) => e.action === 'escalate')).toHaveLength(1);
    expect(await titles(OWNER, wish.id)).toHaveLength(1);
  });

  test('past the overall limit it reaches the street, whose staff are told; past that it is only marked overdue', async () => {
    const { wish } = await submit(CLUTTER);
    await tickAt(await clockOf(wish.id, 'route'));
    const doneEnd = await clockOf(wish.id, 'done');
    await tickAt(doneEnd);
    const top = await stored(wish.id);
    expect([top.level, top.sla]).toEqual(['street', 'red']);
    expect(await titles(STREET, wish.id)).toEqual([expect.stringContaining('上报到街道')]);
    expect((await as(STREET).get('/triage', { query: { level: 'street' } })).body.items.map((w: Wish) => w.id)).toContain(wish.id);

    await tickAt(later(doneEnd, 7 * 24 * 60));
    const after = await getWishWithTimeline(wish.id);
    expect(after!.wish.level).toBe('street');
    expect(after!.timeline.filter((e) => e.action === 'escalate')).toHaveLength(2);
  });

  test('the receiving level sends it back down with a reason, and the grid is told', async () => {
    const { wish } = await submit(CLUTTER);
    await tickAt(await clockOf(wish.id, 'route'));
    const down = await as(STAFF).post(`/wishes/${wish.id}/send-down`, { reason: '网格可以处理,请尽快派单' });
    expect(down.status).toBe(200);
    expect(WishDetail.parse(down.body).wish.level).toBe('grid');
    expect(await titles(GRID_WORKER, wish.id)).toEqual([expect.stringContaining('社区退回')]);
    expect((await as(GRID_WORKER).post(`/wishes/${wish.id}/send-down`, { reason: '再退' })).status).toBe(403);
  });

  test('the grid escalates by hand with a reason; the grid may not act on it afterwards, the community may', async () => {
    const { wish } = await submit(CLUTTER);
    expect((await as(GRID_WORKER).post(`/wishes/${wish.id}/escalate`, { reason: '涉及公共维修资金' })).status).toBe(200);
    expect((await as(GRID_WORKER).post(`/wishes/${wish.id}/reject`, { reason: '不受理' })).status).toBe(403);
    expect((await as(STAFF).post(`/wishes/${wish.id}/route`, { teamId: 't-gc-nengren', reason: '社区统筹' })).status).toBe(200);
  });
});

describe('a claim is a lease', () => {
  test('warned at three quarters, released at the limit: the team sees it again and the volunteer is told', async () => {
    const { wish } = await submit();
    const told = await titles(CLAIMANT, wish.id); // routed to his team: 新任务
    await step(CLAIMANT, wish.id, 'claim');
    const leaseEnd = await clockOf(wish.id, 'lease');
    expect((await stored(wish.id)).leaseUntil).toBe(leaseEnd);
    const since = async () => (await titles(CLAIMANT, wish.id)).slice(0, -told.length || undefined);

    await tickAt(await clockOf(wish.id, 'lease', 'yellowMs'));
    expect(await since()).toEqual(['认领的任务快到开始时限了']);
    await tickAt(later(leaseEnd, -1));
    expect(await since()).toHaveLength(1);

    await tickAt(leaseEnd);
    const released = await getWishWithTimeline(wish.id);
    expect([released!.wish.status, released!.wish.claimantId, released!.wish.teamId]).toEqual(['routed', null, 't-gc-nengren']);
    expect(released!.timeline.at(-1)).toMatchObject({ action: 'expire_lease', actorRole: 'system' });
    expect(await since()).toEqual(['认领已自动释放', '认领的任务快到开始时限了']);
    expect((await as('u-vol-liu').get('/tasks', { query: { view: 'open' } })).body.items.map((w: Wish) => w.id)).toContain(wish.id);
  });

  test('extended once, the lease runs on past its first end; a second extension is refused', async () => {
    const { wish } = await submit();
    await step(CLAIMANT, wish.id, 'claim');
    const firstEnd = await clockOf(wish.id, 'lease');
    await tickAt(later(firstEnd, -30));
    const extended = await as(CLAIMANT).post(`/wishes/${wish.id}/extend-lease`, {});
    expect(extended.status).toBe(200);
    expect(Date.parse(WishDetail.parse(extended.body).wish.leaseUntil!)).toBeGreaterThan(Date.parse(firstEnd));
    expect((await as(CLAIMANT).post(`/wishes/${wish.id}/extend-lease`, {})).body.error.code).toBe('INVALID_TRANSITION');
    await tickAt(firstEnd);
    expect((await stored(wish.id)).status).toBe('claimed');
  });

  test('a started claim is no longer a lease: the clock leaves it alone', async () => {
    const { wish } = await submit();
    await step(CLAIMANT, wish.id, 'claim');
    const leaseEnd = await clockOf(wish.id, 'lease');
    await step(CLAIMANT, wish.id, 'start');
    await tickAt(leaseEnd);
    expect((await stored(wish.id)).claimantId).toBe(CLAIMANT);
  });
});

describe('auto-confirmation and deadline extensions', () => {
  test('a done wish the resident never answers is confirmed after 7 days, and the volunteer is told', async () => {
    const { wish } = await submit();
    for (const action of ['claim', 'start', 'complete']) await step(CLAIMANT, wish.id, action);
    const confirmEnd = await clockOf(wish.id, 'confirm');
    await tickAt(later(confirmEnd, -1));
    expect((await stored(wish.id)).status).toBe('done');
    await tickAt(confirmEnd);
    const confirmed = await getWishWithTimeline(wish.id);
    expect(confirmed!.wish.status).toBe('confirmed');
    expect(confirmed!.wish.wallConsent).toBe('hidden');
    expect(confirmed!.timeline.at(-1)).toMatchObject({ action: 'auto_confirm', actorRole: 'system' });
    expect(await titles(CLAIMANT, wish.id)).toContain('居民确认了您的服务');
  });

  test('the grid extends the deadline within 7 working days; beyond needs the community; the clock follows', async () => {
    const { wish } = await submit();
    await step(CLAIMANT, wish.id, 'claim');
    await step(CLAIMANT, wish.id, 'start');
    const firstEnd = await clockOf(wish.id, 'done');
    expect((await as(GRID_WORKER).post(`/wishes/${wish.id}/extend-deadline`, { workingDays: 10, reason: '等配件' })).status).toBe(403);
    const five = await as(GRID_WORKER).post(`/wishes/${wish.id}/extend-deadline`, { workingDays: 5, reason: '等配件' });
    expect(five.status).toBe(200);
    expect(WishDetail.parse(five.body).timeline.at(-1)).toMatchObject({
      action: 'extend_deadline',
      note: expect.stringContaining('5个工作日'),
    });
    await tickAt(firstEnd);
    expect((await stored(wish.id)).level).toBe('grid');
    expect((await as(STAFF).post(`/wishes/${wish.id}/extend-deadline`, { workingDays: 10, reason: '需更换整条线路' })).status).toBe(200);
    const tenEnd = await clockOf(wish.id, 'done');
    await tickAt(tenEnd);
    expect((await stored(wish.id)).level).toBe('community');
  });
});
