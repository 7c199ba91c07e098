import { AppError } from '../../shared/errors';
import { materialise } from '../../shared/domain/booking/schedule';
import { addDays, beijingDate, DAY_MS } from '../../shared/domain/beijing-time';
import { isWorkingDay } from '../../shared/domain/working-time';
import type { CouncilRosterBody, TopicDetail } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { councilClock } from '../../functions/council/access';
import { putRoster } from '../../functions/council/settings';
import { confirmTopic, addPlan, noticeTopic, publishTopic, recordMeeting } from '../../functions/council/steps';
import { addTask, finishTask } from '../../functions/council/tasks';
import { createTopic } from '../../functions/council/topics';
import { giveOpinion, supportTopic } from '../../functions/council/participate';
import { councilOf } from '../../functions/data/council/roster';
import { getUser } from '../../functions/data/users';
import { DEMO_SERVICES } from '../demo-booking';

/**
 * The residents' council of 古城社区 at three of its steps, made through the same services the API runs, at
 * moments before the seeding so each step keeps its real checks (three days' notice, a meeting recorded once
 * held, every task done before the result is published): the courtyard parking rules published with their
 * tasks done, an EV charging topic collecting opinions, and a topic on the stairwells noticed for next week in
 * the 议事厅. Each topic is created under an Idempotency-Key, so a second start finds it and leaves it as it is.
 */
const STAFF = 'u-staff-guo';
const GRID = 'u-grid-sun';

const ROSTER: CouncilRosterBody = {
  members: [
    { kind: 'representative', userId: 'u-res-wang' },
    { kind: 'representative', userId: 'u-vol-zhang' },
    { kind: 'representative', userId: 'u-vol-liu' },
    { kind: 'building_head', userId: 'u-vol-ma' },
    { kind: 'building_head', userId: 'u-res-li' },
    { kind: 'property', id: 'org-gc-property', organisation: '古城物业服务中心', contact: '周经理', phone: '13900000011' },
    { kind: 'owners_committee', id: 'org-gc-owners', organisation: '古城小区业主委员会', contact: '陈主任' },
    { kind: 'co_building', id: 'org-gc-police', organisation: '古城派出所', contact: '杨警官', userId: 'u-vol-yang' },
  ],
};

const at = (nowMs: number, daysAgo: number) => new Date(nowMs - daysAgo * DAY_MS);

async function users(): Promise<Record<string, User>> {
  const ids = [STAFF, GRID, 'u-res-wang', 'u-res-li', 'u-res-zhao', 'u-vol-ma'];
  const found = await Promise.all(ids.map(getUser));
  return Object.fromEntries(found.map((u, i) => [ids[i], u!]));
}

/** A topic made once: the first start creates it and walks it through its steps; a later one finds it by its key. */
async function once(user: User, key: string, body: { title: string; body: string }, now: Date, steps: (t: TopicDetail) => Promise<void>) {
  const { detail, replayed } = await createTopic(user, body, key, now);
  if (!replayed) await steps(detail);
  return !replayed;
}

/** The first working day on or after `date` (Beijing), by the calendar. */
async function workingDayFrom(date: string, nowMs: number): Promise<string> {
  const { calendar } = await councilClock(new Date(nowMs), 'st-beidajie');
  let d = date;
  while (!isWorkingDay(d, calendar)) d = addDays(d, 1);
  return d;
}

/** 古城社区 courtyard parking: raised twenty days ago, met twelve days ago, its two tasks done, published three days ago. */
async function parking(u: Record<string, User>, nowMs: number): Promise<boolean> {
  const staff = u[STAFF];
  return once(
    staff,
    'demo-council-parking-0001',
    {
      title: '古城社区院内停车秩序',
      body: '院内车辆乱停乱放,6号楼前消防通道常被堵住,晚上院门口停车看不清。请居民一起商量停车规则。',
    },
    at(nowMs, 20),
    async ({ topic }) => {
      const id = topic.id;
      await giveOpinion(u['u-res-zhao'], id, { stance: 'support', text: '赞成划线停车,消防通道必须留出来' }, at(nowMs, 19.5));
      await giveOpinion(u['u-res-wang'], id, { stance: 'suggest', text: '给老人留两个靠近楼门的车位' }, at(nowMs, 19.4));
      await giveOpinion(
        u[GRID],
        id,
        { stance: 'support', text: '支持,晚上回家总找不到车位', forResidentId: 'u-res-li', consent: true },
        at(nowMs, 19.3),
      );
      await confirmTopic(staff, id, { summary: '居民普遍支持划线停车、留出消防通道,并照顾老人停车' }, at(nowMs, 18));
      await addPlan(
        staff,
        id,
        { title: '划线停车+停车公约', body: '院内施划12个车位(2个老人优先),消防通道禁停,张贴停车公约', cost: '约800元,社区公益金' },
        at(nowMs, 17.5),
      );
      await addPlan(staff, id, { title: '物业收费管理', body: '由物业统一收费管理院内停车', cost: '每车每月50元' }, at(nowMs, 17.4));
      await noticeTopic(
        staff,
        id,
        {
          meetingAt: at(nowMs, 12).toISOString(),
          place: '党群服务中心二楼 议事厅',
          agenda: '一、通报居民意见;二、讨论两个方案;三、表决',
        },
        at(nowMs, 16),
      );
      // Everyone on the roster came (whatever roster the community has by now).
      const { roster } = await councilOf('c-gucheng');
      await recordMeeting(
        staff,
        id,
        {
          attendees: roster.members.map((m) => m.id),
          residentsPresent: 9,
          // Every one of them votes on each plan: no plan has more votes than people present.
          votes: [
            { planId: 'p1', for: roster.members.length + 7, against: 1, abstain: 1 },
            { planId: 'p2', for: 3, against: roster.members.length + 4, abstain: 2 },
          ],
          minutes: '居民代表、楼院长全体到会,物业、业委会、派出所列席。方案一通过:院内划线停车,消防通道禁停,张贴停车公约。',
          adoptedPlanId: 'p1',
        },
        at(nowMs, 11.9),
      );
      const firstDay = beijingDate(at(nowMs, 11).getTime());
      const lines = await workingDayFrom(addDays(firstDay, 2), nowMs);
      const rules = await workingDayFrom(addDays(firstDay, 4), nowMs);
      await addTask(staff, id, { kind: 'staff', title: '院内施划停车位和消防通道禁停线', ownerId: GRID, dueDate: lines }, at(nowMs, 11));
      await addTask(staff, id, { kind: 'staff', title: '在各楼门张贴停车公约', ownerId: STAFF, dueDate: rules }, at(nowMs, 11));
      await finishTask(u[GRID], `${id}_1`, { note: '已施划12个车位,6号楼前消防通道划禁停线', closed: false }, at(nowMs, 8));
      await finishTask(staff, `${id}_2`, { note: '11个楼门均已张贴', closed: false }, at(nowMs, 6));
      await publishTopic(staff, id, { summary: '院内划线停车12个车位(2个老人优先),6号楼前消防通道禁停,停车公约已张贴' }, at(nowMs, 3));
    },
  );
}

/** An EV charging topic collecting opinions and supports. */
async function charging(u: Record<string, User>, nowMs: number): Promise<boolean> {
  return once(
    u[STAFF],
    'demo-council-charging-0001',
    {
      title: '东区排房加装电动车充电桩',
      body: '东区排房电动车多,楼道里飞线充电有火灾隐患。社区想在排房东侧加装一排充电桩,请大家说说意见。',
    },
    at(nowMs, 2),
    async ({ topic }) => {
      const id = topic.id;
      await giveOpinion(u['u-res-wang'], id, { stance: 'support', text: '早该装了,楼道里充电太危险' }, at(nowMs, 1.8));
      await giveOpinion(u['u-res-zhao'], id, { stance: 'suggest', text: '充电要按度收费,别太贵' }, at(nowMs, 1.5));
      await giveOpinion(u['u-vol-ma'], id, { stance: 'oppose', text: '排房东侧太窄,会占消防通道' }, at(nowMs, 1.2));
      for (const r of ['u-res-wang', 'u-res-zhao']) await supportTopic(u[r], id, {}, at(nowMs, 1));
    },
  );
}

/** The first slot of the 议事厅 a week or more ahead that is free: the next meeting is held there. */
async function roomNextWeek(u: Record<string, User>, id: string, nowMs: number): Promise<void> {
  const room = DEMO_SERVICES.find((s) => s.id === 'svc-council-room')!;
  for (const slot of materialise(room, nowMs).filter((s) => Date.parse(s.start) >= nowMs + 7 * DAY_MS)) {
    try {
      await noticeTopic(
        u[STAFF],
        id,
        { meetingAt: slot.start, slotId: slot.id, place: room.place, agenda: '一、通报楼道堆物情况;二、讨论楼道公约;三、表决' },
        new Date(nowMs),
      );
      return;
    } catch (error) {
      // Taken, or not opened yet: the next slot.
      if (!(error instanceof AppError && (error.code === 'SLOT_FULL' || error.code === 'NOT_FOUND'))) throw error;
    }
  }
}

/** A topic on the stairwells, confirmed with two plans and noticed for next week in the 议事厅. */
async function stairwells(u: Record<string, User>, nowMs: number): Promise<boolean> {
  return once(
    u[STAFF],
    'demo-council-stairs-0001',
    {
      title: '12号楼楼道堆物公约',
      body: '12号楼楼道里堆放杂物越来越多,既挡路又有消防隐患。请楼里的居民一起定个楼道公约。',
    },
    at(nowMs, 9),
    async ({ topic }) => {
      const id = topic.id;
      await giveOpinion(u['u-vol-ma'], id, { stance: 'support', text: '楼道应该清空,老人上下楼容易绊倒' }, at(nowMs, 8));
      await confirmTopic(u[STAFF], id, { summary: '居民同意定楼道公约,分歧在于自行车能否放楼道' }, at(nowMs, 6));
      await addPlan(u[STAFF], id, { title: '楼道全部清空', body: '楼道内不得堆放任何物品,自行车统一停放车棚' }, at(nowMs, 5));
      await addPlan(u[STAFF], id, { title: '一楼留自行车位', body: '只允许一楼楼梯下停放自行车,其余楼层清空' }, at(nowMs, 5));
      await roomNextWeek(u, id, nowMs);
    },
  );
}

/** The council of 古城社区: its roster (unless staff have set one), and the three demo topics (made once). */
export async function seedCouncil(now = new Date()): Promise<{ topicsCreated: number }> {
  const nowMs = now.getTime();
  const u = await users();
  if ((await councilOf('c-gucheng')).roster.version === 0) await putRoster(u[STAFF], { communityId: 'c-gucheng' }, ROSTER, at(nowMs, 30));
  let topicsCreated = 0;
  for (const seed of [parking, charging, stairwells]) if (await seed(u, nowMs)) topicsCreated++;
  return { topicsCreated };
}
