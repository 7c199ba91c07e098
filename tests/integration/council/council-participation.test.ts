import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../../functions/config';
import { getSlot } from '../../../functions/data/booking/slots';
import { observersOf } from '../../../functions/data/council/observers';
import { getTopic, refreshTopic, supportersOf } from '../../../functions/data/council/topics';
import { db } from '../../../functions/data/db';
import { readAll } from '../../../functions/data/pagination';
import type { ObserverList, TopicDetail } from '../../../shared/schemas/council';
import { DEMO_SERVICES } from '../../../scripts/demo-booking';
import { as, tokenOf } from '../../helpers/api';
import { codeOf, DAY_MS, HOUR_MS, slotIn } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';

/**
 * Residents take part in a topic beyond opinions and supports: they comment on each plan while it is drafted,
 * register to attend the noticed meeting as observers (列席) within the seats of the 议事厅 slot the council holds,
 * and their grid worker may do each of these for them with their consent recorded, counted once per resident.
 */
useDemoTable();

const GRID = 'u-grid-sun';
const STAFF = 'u-staff-guo';
const LI = 'u-res-li';
const ZHAO = 'u-res-zhao';
const WANG = 'u-res-wang';

const ok = <T = TopicDetail>(res: { status: number; body: unknown; text: string }, status = 200): T => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body as T;
};

beforeAll(async () => {
  ok(
    await as(STAFF).put('/council/members', {
      members: [
        { kind: 'representative', userId: WANG },
        { kind: 'representative', userId: 'u-vol-zhang' },
        { kind: 'building_head', userId: 'u-vol-ma' },
        { kind: 'property', id: 'org-property', organisation: '古城物业公司', contact: '周经理', phone: '13900000001' },
      ],
    }),
  );
});

/** A topic 郭书记 proposed, confirmed, with two plans: at 制定方案. */
async function drafting(title: string): Promise<string> {
  const id = ok(await as(STAFF).post('/council/topics', { title, body: '需要居民共同商议', communityId: 'c-gucheng' }), 201).topic.id;
  ok(await as(STAFF).post(`/council/topics/${id}/confirm`, { summary: '居民普遍关心' }));
  ok(await as(STAFF).post(`/council/topics/${id}/plans`, { title: '方案甲', body: '由物业统一负责' }));
  ok(await as(STAFF).post(`/council/topics/${id}/plans`, { title: '方案乙', body: '居民自治小组负责' }));
  return id;
}

describe('comments on each plan while drafting', () => {
  test('a resident comments on a plan (≤ 500 characters); neighbours read the name masked, staff read it whole', async () => {
    const id = await drafting('楼道公共照明的维护');
    const commented = ok(await as(LI).post(`/council/topics/${id}/opinions`, { stance: 'support', text: '方案甲更省心', planId: 'p1' }));
    expect(commented.opinions[0]).toMatchObject({ planId: 'p1', name: '李建国', text: '方案甲更省心', filedBy: null });
    expect(codeOf(await as(LI).post(`/council/topics/${id}/opinions`, { stance: 'oppose', text: '不行', planId: 'p9' }))).toBe(
      '400 VALIDATION_FAILED',
    );
    expect(codeOf(await as(LI).post(`/council/topics/${id}/opinions`, { stance: 'oppose', text: '长'.repeat(501), planId: 'p2' }))).toBe(
      '400 VALIDATION_FAILED',
    );
    const seenByZhao = ok(await as(ZHAO).get(`/council/topics/${id}`));
    expect(seenByZhao.opinions.find((o) => o.planId === 'p1')!.name).toBe('李**');
    const seenByStaff = ok(await as(STAFF).get(`/council/topics/${id}`));
    expect(seenByStaff.opinions.find((o) => o.planId === 'p1')!.name).toBe('李建国');
  });

  test('孙丽 comments on a plan for 王秀英 with her consent: the comment is hers, filed by 孙丽; without consent it is refused', async () => {
    const id = await drafting('单元门禁的更换');
    expect(
      codeOf(
        await as(GRID).post(`/council/topics/${id}/opinions`, { stance: 'suggest', text: '装刷卡门禁', planId: 'p2', forResidentId: WANG }),
      ),
    ).toBe('400 VALIDATION_FAILED');
    const filed = ok(
      await as(GRID).post(`/council/topics/${id}/opinions`, {
        stance: 'suggest',
        text: '装刷卡门禁',
        planId: 'p2',
        forResidentId: WANG,
        consent: true,
      }),
    );
    expect(filed.opinions[0]).toMatchObject({ userId: WANG, name: '王秀英', planId: 'p2', filedBy: { userId: GRID, name: '孙丽' } });
    expect(Date.parse(filed.opinions[0].filedBy!.consentAt)).not.toBeNaN();
  });
});

describe('a grid worker supports for a resident with consent, counted once per resident', () => {
  test("孙丽 supports 赵敏's proposal for 王秀英; 王秀英 supporting herself afterwards is not counted again", async () => {
    const id = ok(await as(ZHAO).post('/council/topics', { title: '增设快递柜', body: '快递常丢,希望增设快递柜' }), 201).topic.id;
    expect(codeOf(await as(GRID).post(`/council/topics/${id}/support`, { forResidentId: WANG }))).toBe('400 VALIDATION_FAILED');
    const forHer = ok(await as(GRID).post(`/council/topics/${id}/support`, { forResidentId: WANG, consent: true }));
    expect(forHer.topic.supporters).toBe(1);
    const herself = ok(await as(WANG).post(`/council/topics/${id}/support`, {}));
    expect([herself.topic.supporters, herself.supporting]).toEqual([1, true]);
    expect((await getTopic(id))!.supporters).toBe(1);
    const stored = await readAll(supportersOf(id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ userId: WANG, filedBy: { userId: GRID, name: '孙丽' } });
    // A resident of 平坦垴 is not 孙丽's to act for: 404 as for a resident who does not exist.
    expect(codeOf(await as(GRID).post(`/council/topics/${id}/support`, { forResidentId: 'u-res-ptn', consent: true }))).toBe(
      '404 NOT_FOUND',
    );
  });
});

describe('registering to attend a noticed meeting as an observer (列席)', () => {
  const room = DEMO_SERVICES.find((s) => s.id === 'svc-council-room')!;
  let id = '';
  let slotId = '';

  const seatsOnSlot = async () =>
    (await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `SLOT#${slotId}`, SK: `COUNCIL#${id}` }, ConsistentRead: true })))
      .Item as { observers: number; observerSeats: number };

  test('the notice holds the 议事厅 slot with 5 observers’ seats; residents read the seats left', async () => {
    id = await drafting('小区绿化带改停车位');
    const slot = await slotIn(room, 4 * DAY_MS + 3 * HOUR_MS);
    slotId = slot.id;
    // Registration is for a noticed meeting only.
    expect(codeOf(await as(LI).post(`/council/topics/${id}/observers`, {}))).toBe('409 WRONG_STEP');
    const noticed = ok(
      await as(STAFF).post(`/council/topics/${id}/notice`, {
        meetingAt: slot.start,
        slotId,
        place: '党群服务中心二楼 议事厅',
        agenda: '讨论两个方案',
        observerSeats: 5,
      }),
    );
    expect(noticed.topic.notice).toMatchObject({ slotId, observerSeats: 5 });
    expect((await getSlot(slotId))!.booked).toBe(1);
    const seen = ok(await as(LI).get(`/council/topics/${id}`));
    expect(seen.attendance).toEqual({ observers: 0, seats: 5, seatsLeft: 5, registered: false, open: true });
    expect(seen.allowedActions).toContain('attend');
  });

  test('12 verified residents register at once for 5 seats: exactly 5 are seated, 7 hear OBSERVER_SEATS_FULL (the database agrees)', async () => {
    const crowd = await addResidents(12, 'council-obs');
    await Promise.all(crowd.map(tokenOf));
    const answers = await Promise.all(crowd.map((r) => as(r).post(`/council/topics/${id}/observers`, {})));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === '200')).toHaveLength(5);
    expect(codes.filter((c) => c === '409 OBSERVER_SEATS_FULL')).toHaveLength(7);
    const seated = crowd.filter((_, i) => codes[i] === '200');
    const stored = await readAll(observersOf(id, (await getTopic(id))!.notice!.at));
    expect(stored.map((o) => o.userId).sort()).toEqual([...seated].sort());
    expect(await seatsOnSlot()).toMatchObject({ observers: 5, observerSeats: 5 });
    const full = ok(await as(seated[0]).get(`/council/topics/${id}`));
    expect(full.attendance).toMatchObject({ observers: 5, seatsLeft: 0, registered: true });

    // Registering again is answered as the first time, not seated twice.
    ok(await as(seated[0]).post(`/council/topics/${id}/observers`, {}));
    expect((await seatsOnSlot()).observers).toBe(5);

    // One withdraws: the seat is free again, and one who was turned away takes it.
    const left = ok(await as(seated[0]).post(`/council/topics/${id}/observers/cancel`, {}));
    expect(left.attendance).toMatchObject({ observers: 4, seatsLeft: 1, registered: false });
    const turnedAway = crowd.find((_, i) => codes[i] !== '200')!;
    ok(await as(turnedAway).post(`/council/topics/${id}/observers`, {}));
    expect(await seatsOnSlot()).toMatchObject({ observers: 5 });
    expect(codeOf(await as(seated[0]).post(`/council/topics/${id}/observers`, {}))).toBe('409 OBSERVER_SEATS_FULL');
    expect(await readAll(observersOf(id, (await getTopic(id))!.notice!.at))).toHaveLength(5);
  });

  test('an unverified resident and a resident of 平坦垴 are refused; staff read who registered, residents may not', async () => {
    const [unverified] = await addResidents(1, 'council-obs-unverified', 'b-gc-1', false);
    expect(codeOf(await as(unverified).post(`/council/topics/${id}/observers`, {}))).toBe('403 NOT_VERIFIED');
    expect(codeOf(await as('u-res-ptn').post(`/council/topics/${id}/observers`, {}))).toBe('404 NOT_FOUND');
    const list = ok<ObserverList>(await as(STAFF).get(`/council/topics/${id}/observers`));
    expect(list.attendance).toMatchObject({ observers: 5, seats: 5, seatsLeft: 0 });
    expect(list.items).toHaveLength(5);
    expect(list.items[0].name).toMatch(/^居民council-obs/);
    expect(codeOf(await as(LI).get(`/council/topics/${id}/observers`))).toBe('403 FORBIDDEN');
    expect(codeOf(await as('u-staff-ptn').get(`/council/topics/${id}/observers`))).toBe('404 NOT_FOUND');
  });

  test('孙丽 registers 王秀英 with her consent on a meeting without a room (no seat limit); she withdraws herself', async () => {
    const other = await drafting('垃圾分类投放点的位置');
    ok(
      await as(STAFF).post(`/council/topics/${other}/notice`, {
        meetingAt: new Date(Date.now() + 4 * DAY_MS).toISOString(),
        place: '3号楼前空地',
        agenda: '商定投放点',
      }),
    );
    expect(codeOf(await as(GRID).post(`/council/topics/${other}/observers`, { forResidentId: WANG }))).toBe('400 VALIDATION_FAILED');
    ok(await as(GRID).post(`/council/topics/${other}/observers`, { forResidentId: WANG, consent: true }));
    const hers = ok(await as(WANG).get(`/council/topics/${other}`));
    expect(hers.attendance).toEqual({ observers: 1, seats: null, seatsLeft: null, registered: true, open: true });
    const list = ok<ObserverList>(await as(GRID).get(`/council/topics/${other}/observers`));
    expect(list.items).toEqual([
      expect.objectContaining({ userId: WANG, name: '王秀英', filedBy: expect.objectContaining({ userId: GRID }) }),
    ]);
    const withdrawn = ok(await as(WANG).post(`/council/topics/${other}/observers/cancel`, {}));
    expect(withdrawn.attendance).toMatchObject({ observers: 0, registered: false });
  });
});

describe('the meeting record: each plan’s votes within the people present', () => {
  test('more votes than members and residents present is refused (400); within them it is recorded and shown', async () => {
    const id = await drafting('健身器材的更新');
    ok(
      await as(STAFF).post(`/council/topics/${id}/notice`, {
        meetingAt: new Date(Date.now() + 4 * DAY_MS).toISOString(),
        place: '党群服务中心',
        agenda: '表决',
      }),
    );
    // The meeting's day has come (the tests cannot wait days).
    const topic = (await getTopic(id))!;
    await refreshTopic(topic, { notice: { ...topic.notice!, meetingAt: new Date(Date.now() - 60_000).toISOString() } });
    const roster = (await as(STAFF).get<{ members: { id: string; kind: string }[] }>('/council/members')).body.members;
    const attendees = roster.map((m) => m.id);
    const present = attendees.length + 3;
    const over = await as(STAFF).post(`/council/topics/${id}/meeting`, {
      attendees,
      residentsPresent: 3,
      votes: [{ planId: 'p1', for: present, against: 1, abstain: 0 }],
      minutes: '表决',
      adoptedPlanId: 'p1',
    });
    expect(codeOf(over)).toBe('400 VALIDATION_FAILED');
    const held = ok(
      await as(STAFF).post(`/council/topics/${id}/meeting`, {
        attendees,
        residentsPresent: 3,
        votes: [
          { planId: 'p1', for: present - 1, against: 1, abstain: 0 },
          { planId: 'p2', for: 1, against: present - 2, abstain: 1 },
        ],
        minutes: '方案甲通过',
        adoptedPlanId: 'p1',
      }),
    );
    expect(held.topic.meetings[0].votes[0]).toEqual({ planId: 'p1', for: present - 1, against: 1, abstain: 0 });
    expect(held.topic.step).toBe('applying');
  });
});
