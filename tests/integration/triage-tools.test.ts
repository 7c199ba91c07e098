import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { readInbox } from '../../functions/data/notifications';
import { getTeam, putTeam } from '../../functions/data/teams';
import { getWish, getWishWithTimeline } from '../../functions/data/wishes';
import { CandidateList, SimilarList } from '../../shared/schemas/queue';
import { WishDetail, WishPage, type Wish } from '../../shared/schemas/wishes';
import { as } from '../helpers/api';
import { addResidents, addVolunteers } from '../helpers/people';
import { type DbCall, recordDbCalls } from '../helpers/db-calls';
import { useDemoTable } from '../helpers/table';
import { CLAIMANT, CLUTTER, GRID_WORKER, LAMP, OWNER, step, submit } from '../helpers/wishes';

useDemoTable();

const SHARED_LAMP = { ...LAMP, description: '1号楼楼道灯不亮,晚上上下楼看不见', shared: true };
const ids = (page: unknown) => WishPage.parse(page).items.map((w) => w.id);
/** The Queries of queue partitions among some database calls: the partition and the filter of each, by partition. */
const queueQueries = (calls: DbCall[]) =>
  calls
    .filter((c) => c.command === 'QueryCommand' && String(c.input.ExpressionAttributeValues?.[':pk']).startsWith('QUEUE#'))
    .map((c) => ({ pk: c.input.ExpressionAttributeValues[':pk'] as string, filter: c.input.FilterExpression as string | undefined }))
    .sort((a, b) => a.pk.localeCompare(b.pk));

describe('routing explains itself, and a person may override it with a reason', () => {
  test('the lamp goes to 古城能人库 with its reasons in the timeline, for staff and for the team', async () => {
    const { wish, timeline } = await submit();
    expect(wish.teamId).toBe('t-gc-nengren');
    const route = timeline.find((e) => e.action === 'route')!;
    expect(route.note).toMatch(/^派给 古城能人库:.*技能 电工 相符.*服务 第一网格.*在办 \d+\/\d+/);
    expect(WishDetail.parse((await as(CLAIMANT).get(`/wishes/${wish.id}`)).body).wish.routingNote).toBe(route.note);
  });

  test('candidates come ranked with reasons; choosing another than the first needs a reason, which is recorded', async () => {
    const { wish } = await submit(CLUTTER);
    const list = CandidateList.parse((await as(GRID_WORKER).get(`/wishes/${wish.id}/candidates`)).body);
    expect(list.items.length).toBeGreaterThan(1);
    for (const c of list.items) expect(c.reasons.length).toBeGreaterThan(0);
    expect((await as(OWNER).get(`/wishes/${wish.id}/candidates`)).status).toBe(403);

    const { wish: lamp } = await submit();
    const ranked = CandidateList.parse((await as(GRID_WORKER).get(`/wishes/${lamp.id}/candidates`)).body).items;
    expect(ranked[0].teamId).toBe('t-gc-nengren');
    const other = ranked.find((c) => c.teamId === 't-gc-lexiujiang')!;
    const bare = await as(GRID_WORKER).post(`/wishes/${lamp.id}/route`, { teamId: other.teamId });
    expect([bare.status, bare.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const reasoned = await as(GRID_WORKER).post(`/wishes/${lamp.id}/route`, { teamId: other.teamId, reason: '乐修匠今天就在1号楼' });
    expect(reasoned.status).toBe(200);
    expect(WishDetail.parse(reasoned.body).timeline.at(-1)!.note).toContain('改派:乐修匠今天就在1号楼');
  });
});

describe('claims are capped per volunteer', () => {
  test('at the cap a further claim is 409 CLAIM_LIMIT; finishing one frees a place', async () => {
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-cap');
    const team = (await getTeam('t-gc-nengren'))!;
    await putTeam({ ...team, memberCap: 2 });
    try {
      const wishes = [await submit(), await submit(), await submit()].map((d) => d.wish.id);
      await step(volunteer, wishes[0], 'claim');
      await step(volunteer, wishes[1], 'claim');
      const third = await as(volunteer).post(`/wishes/${wishes[2]}/claim`);
      expect([third.status, third.body.error.code]).toEqual([409, 'CLAIM_LIMIT']);
      expect((await getWish(wishes[2]))!.claimantId).toBeNull();
      for (const action of ['start', 'complete']) await step(volunteer, wishes[0], action);
      expect((await as(volunteer).post(`/wishes/${wishes[2]}/claim`)).status).toBe(200);
    } finally {
      await putTeam({ ...(await getTeam('t-gc-nengren'))!, memberCap: team.memberCap });
    }
  });
});

describe('a team sends back what is not theirs (退单)', () => {
  test("with a reason, back to the grid worker's queue, who is told; the resident's overall deadline stays", async () => {
    const { wish } = await submit();
    const back = await as('u-vol-liu').post(`/wishes/${wish.id}/send-back`, { reason: '这是公共线路,不归我们' });
    expect(back.status).toBe(200);
    const after = WishDetail.parse(back.body).wish;
    expect([after.status, after.teamId, after.sentBackBy]).toEqual(['submitted', null, ['t-gc-nengren']]);
    expect(after.doneBy).toBe(wish.doneBy);
    expect(ids((await as(GRID_WORKER).get('/triage', { query: { stage: 'submitted' } })).body)).toContain(wish.id);
    expect((await readInbox(GRID_WORKER, true)).items.some((n) => n.link?.endsWith(wish.id) && n.title.includes('退单'))).toBe(true);
    const full = await getWishWithTimeline(wish.id);
    expect(full!.timeline.at(-1)).toMatchObject({ action: 'send_back', note: '古城能人库退单:这是公共线路,不归我们' });
  });

  test('after the window (2 working days from routing) it is refused with SEND_BACK_TOO_LATE', async () => {
    const { wish } = await submit();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: `WISH#${wish.id}`, SK: 'WISH' },
        UpdateExpression: 'SET routedAt = :t',
        ExpressionAttributeValues: { ':t': '2026-01-05T01:00:00.000Z' },
      }),
    );
    const late = await as('u-vol-liu').post(`/wishes/${wish.id}/send-back`, { reason: '不归我们' });
    expect([late.status, late.body.error.code]).toEqual([409, 'SEND_BACK_TOO_LATE']);
    expect((await getWish(wish.id))!.teamId).toBe('t-gc-nengren');
  });
});

describe('me too (我也遇到), supporters and merging', () => {
  test('a neighbour is offered the open wish about the same shared place, joins it, and follows it', async () => {
    const [neighbour] = await addResidents(1, 'metoo-a');
    const { wish } = await submit(SHARED_LAMP);
    const offer = SimilarList.parse(
      (await as(neighbour).get('/wishes/similar', { query: { buildingId: 'b-gc-1', category: 'cat-electric' } })).body,
    );
    expect(offer.items.map((w) => w.id)).toContain(wish.id);
    expect(offer.items.find((w) => w.id === wish.id)!.ownerName).not.toBe('李建国');
    expect(
      SimilarList.parse(
        (await as(OWNER).get('/wishes/similar', { query: { buildingId: 'b-gc-1', category: 'cat-electric' } })).body,
      ).items.map((w) => w.id),
    ).not.toContain(wish.id);

    const joined = await as(neighbour).post(`/wishes/${wish.id}/support`, {});
    expect(joined.status).toBe(200);
    expect(WishDetail.parse(joined.body).wish.supporters).toBe(1);
    expect((await as(neighbour).post(`/wishes/${wish.id}/support`, {})).status).toBe(200);
    expect((await getWish(wish.id))!.supporters).toBe(1);
    expect(ids((await as(neighbour).get('/wishes', { query: { scope: 'supported' } })).body)).toEqual([wish.id]);
    expect((await as(OWNER).post(`/wishes/${wish.id}/support`, {})).body.error.code).toBe('INVALID_TRANSITION');
    expect((await as('u-res-ptn').post(`/wishes/${wish.id}/support`, {})).status).toBe(404);
  });

  test('a neighbour following a wish reads no name of the people around it and no free text, anywhere in the answer', async () => {
    const [neighbour] = await addResidents(1, 'metoo-privacy');
    const { wish } = await submit({ ...SHARED_LAMP, description: '1号楼三楼楼道灯坏了' });
    expect((await as(CLAIMANT).post(`/wishes/${wish.id}/claim`, {})).status).toBe(200);
    expect((await as(CLAIMANT).post(`/wishes/${wish.id}/start`, {})).status).toBe(200);
    expect((await as(CLAIMANT).post(`/wishes/${wish.id}/complete`, { note: '换了声控开关,李大爷家门口那盏也修了' })).status).toBe(200);
    expect((await as(neighbour).post(`/wishes/${wish.id}/support`, {})).status).toBe(200);

    const read = await as(neighbour).get(`/wishes/${wish.id}`);
    expect(read.status).toBe(200);
    const detail = WishDetail.parse(read.body);
    expect(detail.timeline.length).toBeGreaterThanOrEqual(5);
    expect(detail.timeline.every((e) => e.note === null)).toBe(true);
    for (const secret of ['李建国', '张师傅', '换了声控开关', '李大爷', '派给', '13800000002']) expect(read.text).not.toContain(secret);
    // What the wish is about stays readable: that is what the neighbour joined.
    expect(detail.wish.description).toBe('1号楼三楼楼道灯坏了');

    // The owner and the volunteer still see everything.
    const own = await as(OWNER).get(`/wishes/${wish.id}`);
    expect(own.text).toContain('换了声控开关');
    expect(own.text).toContain('张师傅');
  });

  test('20 neighbours saying "me too" at once are each counted once', async () => {
    const neighbours = await addResidents(20, 'metoo-b');
    const { wish } = await submit(SHARED_LAMP);
    const answers = await Promise.all(neighbours.map((n) => as(n).post(`/wishes/${wish.id}/support`, {})));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    expect((await getWish(wish.id))!.supporters).toBe(20);
  });

  test('supporters raise a wish in the most-urgent-first queue', async () => {
    const [n1, n2] = await addResidents(2, 'metoo-c');
    const first = await submit({ ...CLUTTER, shared: true, description: '楼道杂物堆积,先报的这条' });
    const second = await submit({ ...CLUTTER, shared: true, description: '楼道杂物堆积,后报但邻居多' }, 'u-res-wang');
    for (const n of [n1, n2]) expect((await as(n).post(`/wishes/${second.wish.id}/support`, {})).status).toBe(200);
    const q = { category: 'cat-other', stage: 'submitted' } as const;
    const oldest = ids((await as(GRID_WORKER).get('/triage', { query: { ...q, order: 'oldest' } })).body).filter((id) =>
      [first.wish.id, second.wish.id].includes(id),
    );
    const urgent = ids((await as(GRID_WORKER).get('/triage', { query: { ...q, order: 'urgent' } })).body).filter((id) =>
      [first.wish.id, second.wish.id].includes(id),
    );
    expect(oldest).toEqual([first.wish.id, second.wish.id]);
    expect(urgent).toEqual([second.wish.id, first.wish.id]);
  });

  test('staff merge two wishes: the second closes as merged, its owner becomes a supporter and is told', async () => {
    const keep = await submit(SHARED_LAMP);
    const dup = await submit(SHARED_LAMP, 'u-res-wang');
    const merged = await as(GRID_WORKER).post(`/wishes/${dup.wish.id}/merge`, { intoId: keep.wish.id, reason: '同一盏灯' });
    expect(merged.status).toBe(200);
    expect(WishDetail.parse(merged.body).wish).toMatchObject({ status: 'merged', mergedInto: keep.wish.id });
    expect((await getWish(keep.wish.id))!.supporters).toBe(1);
    expect(ids((await as('u-res-wang').get('/wishes', { query: { scope: 'supported' } })).body)).toContain(keep.wish.id);
    expect((await readInbox('u-res-wang', true)).items.some((n) => n.link?.endsWith(dup.wish.id) && n.title.includes('合并'))).toBe(true);
    expect((await as(GRID_WORKER).post(`/wishes/${keep.wish.id}/merge`, { intoId: keep.wish.id, reason: '自己' })).status).toBe(400);
  });
});

describe('the triage queue filters and orders, one Query per partition', () => {
  test('by category, grid, stage and level; other grids and communities never show', async () => {
    const clutter = await submit(CLUTTER);
    const lamp = await submit();
    const zhao = await submit({ ...CLUTTER, buildingId: 'b-gc-6' }, 'u-res-zhao');
    const calls = recordDbCalls();
    const byCategory = ids((await as(GRID_WORKER).get('/triage', { query: { category: 'cat-other' } })).body);
    calls.stop();
    expect(byCategory).toContain(clutter.wish.id);
    expect(byCategory).not.toContain(lamp.wish.id);
    // 孙丽 runs the queues of her two grids: one Query of each partition, the filter applied inside it, no scan.
    expect(queueQueries(calls.calls)).toEqual([
      { pk: 'QUEUE#grid#g-gucheng-1', filter: '#category = :category' },
      { pk: 'QUEUE#grid#g-gucheng-2', filter: '#category = :category' },
    ]);
    expect(calls.count('ScanCommand')).toBe(0);
    expect(ids((await as(GRID_WORKER).get('/triage', { query: { stage: 'routed' } })).body)).toContain(lamp.wish.id);
    const oneGrid = recordDbCalls();
    expect(ids((await as(GRID_WORKER).get('/triage', { query: { gridId: 'g-gucheng-2' } })).body)).toEqual(
      expect.arrayContaining([zhao.wish.id]),
    );
    oneGrid.stop();
    // A grid chosen: only that grid's partition is read.
    expect(queueQueries(oneGrid.calls)).toEqual([{ pk: 'QUEUE#grid#g-gucheng-2', filter: '#gridId = :gridId' }]);
    expect(ids((await as(GRID_WORKER).get('/triage', { query: { gridId: 'g-gucheng-2' } })).body)).not.toContain(clutter.wish.id);
    expect(ids((await as('u-grid-zhou').get('/triage')).body)).not.toContain(clutter.wish.id);
    expect(ids((await as('u-staff-ptn').get('/triage')).body)).not.toContain(clutter.wish.id);
    expect(ids((await as(GRID_WORKER).get('/triage', { query: { gridId: 'g-gucheng-3' } })).body)).toEqual([]);
    expect((await as(GRID_WORKER).get('/triage', { query: { order: 'newest' } })).body.error.code).toBe('VALIDATION_FAILED');
  });

  test('a call-back request lands in the grid worker’s queue with an urgent clock', async () => {
    const earlier = await submit(CLUTTER);
    const res = await as(OWNER).post('/wishes', {
      kind: 'callback',
      description: '想请网格员回个电话,说说楼下噪音的事',
      buildingId: 'b-gc-1',
    });
    expect(res.status).toBe(201);
    const w: Wish = WishDetail.parse(res.body).wish;
    expect([w.kind, w.status, w.urgency, w.teamId]).toEqual(['callback', 'submitted', 'urgent', null]);
    expect(Date.parse(w.deadline!) - Date.parse(w.createdAt)).toBe(10 * 60_000);
    const urgentFirst = ids((await as(GRID_WORKER).get('/triage', { query: { order: 'urgent', stage: 'submitted', limit: '50' } })).body);
    expect(urgentFirst.indexOf(w.id)).toBeGreaterThanOrEqual(0);
    expect(urgentFirst.indexOf(w.id)).toBeLessThan(urgentFirst.indexOf(earlier.wish.id));
  });
});
