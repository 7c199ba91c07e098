import { createHash, randomUUID } from 'node:crypto';
import { addDays, beijingDate } from '../../shared/domain/beijing-time';
import { isWorkingDay } from '../../shared/domain/working-time';
import type { CouncilSettings, TopicDetail } from '../../shared/schemas/council';
import type { Service } from '../../shared/schemas/services';
import type { Team, TeamMember } from '../../shared/schemas/teams';
import type { WishStatus } from '../../shared/schemas/wishes';
import { getTopic, refreshTopic } from '../../functions/data/council/topics';
import { putCommitment } from '../../functions/data/booking/draws';
import { clockContext } from '../../functions/data/settings';
import { putTeam } from '../../functions/data/teams';
import { getUser, putUser } from '../../functions/data/users';
import { as } from './api';
import { book, DAY_MS, slotIn, testService } from './booking';
import { addResidents } from './people';
import { CLUTTER, submit, wishIn } from './wishes';

/**
 * The objects of 古城社区 the route-access table calls its routes on. What a refused caller is sent is shared
 * (a refusal changes nothing); a caller who is let in to a route that changes state gets a fresh object of
 * its own (`fresh: true`), so every allowed call finds the object in the state its expectation assumes.
 * Every id made here is kept in `made`, for the check that another community's lists show none of them.
 */
export interface Fixtures {
  /** Ids of the 古城 objects made here (wishes, services and so their slots and bookings, teams, people). */
  made: Set<string>;
  /** A wish of 李建国's (1号楼, grid 1) in this status: routed LAMP wishes go to 古城能人库, whose lead 张师傅 claims. */
  wish(status: WishStatus, fresh: boolean): Promise<string>;
  /** 李建国's open wish about a shared place (楼道), for 我也遇到. */
  sharedPlaceWish(fresh: boolean): Promise<string>;
  /** 李建国's routed wish that 郭书记 escalated to the community. */
  escalatedWish(fresh: boolean): Promise<string>;
  /** Another routed wish of 李建国's to merge duplicates into. */
  mergeTarget: string;
  /** One of 李建国's notifications. */
  notificationOfLi: string;
  /** A service of 古城 provided by 古城能人库 (张师傅 is its provider; 陈师傅 of 乐修匠 is not). */
  service: Service;
  /** A slot of such a service two days ahead. */
  slot(fresh: boolean): Promise<string>;
  /** 李建国's booking of such a slot. */
  booking(fresh: boolean): Promise<string>;
  /** 李建国's booking of a slot starting in a few minutes (check-in is open). */
  soonBooking(fresh: boolean): Promise<string>;
  /** 李建国's booking offered a seat from the waiting list. */
  offeredBooking(fresh: boolean): Promise<string>;
  /** A ballot slot whose applications have closed, not drawn yet. */
  dueBallotSlot(fresh: boolean): Promise<string>;
  /** A drawn ballot slot: its service and draw (the draw is named after its slot). */
  draw: { serviceId: string; drawId: string };
  /** A ballot slot still taking applications whose rules name 郭书记 and 王秀英 as witnesses (issue 16). */
  witnessedSlot(fresh: boolean): Promise<string>;
  /** Such a slot closed, its list published: both witnesses committed to `witnessSecret(userId)`. */
  committedSlot(fresh: boolean): Promise<string>;
  /** A 古城 team with 张师傅 as its lead, one member (not 张师傅) and one pending application. */
  team(fresh: boolean): Promise<{ id: string; memberId: string; applicantId: string }>;
  /** An agreement 平坦垴 (冯主任) offered to 古城, not accepted yet. */
  offer(fresh: boolean): Promise<string>;
  /** An agreement between 平坦垴 and 古城 that 郭书记 accepted. */
  agreement(fresh: boolean): Promise<string>;
  /** A verified resident of 古城's grid 1 (not a demo person: their sessions may be ended). */
  resident(fresh: boolean): Promise<string>;
  /** 北大街街道's time limits as they are (to put them back unchanged). */
  streetLimits: Record<string, unknown>;
  /** This year's working-day calendar as it is (to put it back unchanged). */
  calendar: { year: number; body: { holidays: string[]; workdays: string[]; hours: unknown } };
  council: {
    /** 古城's council roster as 郭书记 put it: 王秀英 and 赵敏 representatives, 李建国 a building head. */
    roster: { members: { kind: string; userId: string }[] };
    /** 古城's council settings as they are. */
    settings: CouncilSettings;
    /**
     * A topic 郭书记 proposed, taken through the steps to `step`: `drafting` has one plan; `held` is `noticed` with
     * the meeting's day come; `applying` adopted its plan and has no task; `published` is within its publicity window.
     */
    topic(step: CouncilStage, fresh: boolean): Promise<string>;
    /** An applying topic with a staff task owned by 孙丽. */
    staffTask(fresh: boolean): Promise<{ topicId: string; taskId: string }>;
    /** The next working day (Beijing), for a staff task's due date. */
    workday: string;
    /** A published topic with 李建国's objection. */
    objection(fresh: boolean): Promise<{ topicId: string; objectionId: string }>;
  };
}

export type CouncilStage = 'collecting' | 'drafting' | 'noticed' | 'held' | 'applying' | 'published';

let counter = 0;
const next = () => ++counter;

/** A promise made once, for the shared object; a new one each time for a fresh one. */
/** A ballot witnessed by 郭书记 and 王秀英 (居民代表), with a lottery number after the close. */
const WITNESSED = {
  allocation: 'ballot' as const,
  reservedPercent: 0,
  draw: {
    witnesses: ['u-staff-guo', 'u-res-wang'],
    publicSource: { name: '中国福利彩票 双色球', which: '监督人揭示截止后的第一期开奖号码' },
    revealHours: 72,
    ifWitnessSilent: 'public_only' as const,
    weights: { normal: 2, restricted: 1 },
  },
};
/** The secret a witness committed to in `committedSlot`. */
export const witnessSecret = (userId: string) => `secret-of-${userId}`;

function sharedOr<T>(make: () => Promise<T>): (fresh: boolean) => Promise<T> {
  let shared: Promise<T> | null = null;
  return (fresh) => {
    if (fresh) return make();
    shared ??= make();
    return shared;
  };
}

const ok = async <T>(what: string, res: Promise<{ status: number; text: string; body: T }>): Promise<T> => {
  const r = await res;
  if (r.status >= 300) throw new Error(`fixture: ${what} answered ${r.status}: ${r.text}`);
  return r.body;
};

export async function buildFixtures(): Promise<Fixtures> {
  const made = new Set<string>();
  const keep = <T extends string>(id: T) => {
    made.add(id);
    return id;
  };

  const provided = { teamId: 't-gc-nengren', teamName: '古城能人库' };
  /** A service of its own for each slot: quotas and slot minutes never collide between fixtures. */
  const serviceFor = async (rules: Parameters<typeof testService>[0] = {}) => {
    const svc = await testService({ reservedPercent: 0, closes: { hoursBefore: 0 }, ...rules }, provided);
    keep(svc.id);
    return svc;
  };
  const slotOf = async (fromNowMs: number, seats?: number, rules: Parameters<typeof testService>[0] = {}) =>
    (await slotIn(await serviceFor(rules), fromNowMs, seats)).id;
  const bookingOf = async (slotId: string, residentId = 'u-res-li', extra: Record<string, unknown> = {}) =>
    keep((await ok<{ id: string }>(`booking ${slotId}`, book(residentId, slotId, extra))).id);

  const wishes = new Map<WishStatus, (fresh: boolean) => Promise<string>>();
  const wish = (status: WishStatus, fresh: boolean) => {
    if (!wishes.has(status))
      wishes.set(
        status,
        sharedOr(async () => keep(await wishIn(status))),
      );
    return wishes.get(status)!(fresh);
  };

  // Others who take part: residents of grid 1 who book or apply, volunteers to remove from a team.
  const extraResidents = await addResidents(30, 'u-rt-gc');
  for (const id of extraResidents) keep(id);
  let nextResident = 0;
  const anotherResident = () => {
    const id = extraResidents[nextResident++];
    if (!id) throw new Error('fixture: add more extra residents');
    return id;
  };

  const team = sharedOr(async () => {
    const n = next();
    const zhang = (await getUser('u-vol-zhang'))!;
    const template = { ...zhang, id: keep(`u-rt-gc-vol-${n}`), name: `志愿者${n}`, home: null, roles: ['volunteer' as const] };
    const id = keep(`t-gc-rt-${n}`);
    const member = (userId: string, name: string, role: TeamMember['role']): TeamMember => ({
      userId,
      name,
      role,
      skills: ['visiting'],
      hours: { workday: [], restday: [] },
      paused: false,
    });
    // A team nobody's wish is routed to: no 古城 wish of the tests needs visits.
    const t: Team = {
      id,
      name: `测试队${n}`,
      kind: 'volunteer_team',
      communityId: 'c-gucheng',
      skills: ['visiting'],
      gridIds: [],
      teamCap: 5,
      memberCap: 2,
      version: 0,
      members: [member('u-vol-zhang', zhang.name, 'lead'), member(template.id, template.name, 'member')],
    };
    await putUser({ ...template, teamIds: [id] });
    await putTeam(t);
    const applicantId = anotherResident();
    await ok(
      'an application',
      as(applicantId).post(`/teams/${id}/applications`, { skills: ['visiting'], hours: { workday: [], restday: [] } }),
    );
    return { id, memberId: template.id, applicantId };
  });

  const offer = sharedOr(async () => {
    const body = { teamId: 't-ptn-nengren', toCommunityId: 'c-gucheng', gridIds: ['g-gucheng-5'], skills: ['appliance_repair'] };
    return (await ok<{ id: string }>('an offer', as('u-staff-ptn').post('/partnerships', body))).id;
  });

  // What the shared objects are made of, in parallel where they do not touch one another.
  const [mergeTarget, service, drawSlot, streetLimits, calendarView] = await Promise.all([
    wishIn('routed').then(keep),
    serviceFor(),
    slotOf(6 * DAY_MS, 3, { allocation: 'ballot', ballotHours: 1 }),
    ok<Record<string, unknown>>('the limits', as('u-admin').get('/sla-limits', { query: { streetId: 'st-beidajie' } })),
    ok<{ years: { year: number; holidays: string[]; workdays: string[]; hours: unknown }[] }>(
      'the calendar',
      as('u-admin').get('/calendar'),
    ),
    // The wishes, bookings and teams 古城's people see in their lists before the lists are read.
    wish('routed', false),
    wish('submitted', false),
    wish('claimed', false),
  ]);
  const drawn = await ok<{ serviceId: string; slotId: string }>('a draw', as('u-staff-guo').post(`/slots/${drawSlot}/draw`, {}));
  const inbox = await ok<{ items: { id: string }[] }>('李建国’s notifications', as('u-res-li').get('/notifications'));
  if (!inbox.items[0]) throw new Error('fixture: 李建国 has no notification');
  const { streetId: _s, streetName: _n, source: _src, ...limits } = streetLimits;
  const year = new Date().getUTCFullYear();
  const thisYear = calendarView.years.find((y) => y.year === year);
  if (!thisYear) throw new Error(`fixture: no calendar for ${year}`);

  // The council: 古城's roster, and topics taken through the steps over HTTP by 郭书记.
  const roster = {
    members: [
      { kind: 'representative', userId: 'u-res-wang' },
      { kind: 'representative', userId: 'u-res-zhao' },
      { kind: 'building_head', userId: 'u-res-li' },
    ],
  };
  await ok('the council roster', as('u-staff-guo').put('/council/members', roster, { query: { communityId: 'c-gucheng' } }));
  const councilSettings = await ok<{ settings: CouncilSettings }>(
    'the council settings',
    as('u-staff-guo').get('/council/settings', { query: { communityId: 'c-gucheng' } }),
  );
  const guo = (what: string, path: string, body: unknown) => ok<TopicDetail>(what, as('u-staff-guo').post(path, body));
  const DAY = 86_400_000;
  const { calendar } = await clockContext(new Date(), 'st-beidajie');
  let workday = addDays(beijingDate(Date.now()), 1);
  while (!isWorkingDay(workday, calendar)) workday = addDays(workday, 1);
  const stages: CouncilStage[] = ['collecting', 'drafting', 'noticed', 'held', 'applying', 'published'];
  const toStage = async (stage: CouncilStage): Promise<string> => {
    const created = await guo('a topic', '/council/topics', {
      title: `院内停车秩序${next()}`,
      body: '院内车辆乱停,需要居民共同商议',
      communityId: 'c-gucheng',
    });
    const id = keep(created.topic.id);
    const reached = (s: CouncilStage) => stages.indexOf(stage) >= stages.indexOf(s);
    if (reached('drafting')) {
      await guo('confirm', `/council/topics/${id}/confirm`, { summary: '多数居民支持规范停车' });
      await guo('a plan', `/council/topics/${id}/plans`, { title: '划线停车', body: '院内划定停车位,按楼分配' });
    }
    if (reached('noticed')) {
      const meetingAt = new Date(Date.now() + (councilSettings.settings.noticeDays + 1) * DAY).toISOString();
      await guo('a notice', `/council/topics/${id}/notice`, { meetingAt, place: '党群服务中心二楼 议事厅', agenda: '讨论划线停车方案' });
    }
    if (reached('held')) {
      // The meeting's day has come (the tests cannot wait days): its stored time moves into the past.
      const topic = (await getTopic(id))!;
      const moved = await refreshTopic(topic, { notice: { ...topic.notice!, meetingAt: new Date(Date.now() - 60_000).toISOString() } });
      if (!moved) throw new Error('fixture: the topic changed while its meeting was moved');
    }
    if (reached('applying')) {
      await guo('a meeting', `/council/topics/${id}/meeting`, {
        attendees: ['u-res-wang', 'u-res-zhao'],
        votes: [{ planId: 'p1', for: 2, against: 0, abstain: 0 }],
        minutes: '到会代表一致同意划线停车',
        adoptedPlanId: 'p1',
      });
    }
    if (reached('published')) await guo('a result', `/council/topics/${id}/publish`, { summary: '院内已划线停车' });
    return id;
  };
  const topics = new Map(stages.map((stage) => [stage, sharedOr(() => toStage(stage))]));

  let soonMinutes = 10;
  return {
    made,
    wish,
    sharedPlaceWish: sharedOr(async () => keep((await submit({ ...CLUTTER, shared: true })).wish.id)),
    escalatedWish: sharedOr(async () => {
      const id = keep(await wishIn('routed'));
      await ok('escalate', as('u-staff-guo').post(`/wishes/${id}/escalate`, { reason: '网格解决不了' }));
      return id;
    }),
    mergeTarget,
    notificationOfLi: inbox.items[0].id,
    service,
    slot: sharedOr(() => slotOf(2 * DAY_MS)),
    booking: sharedOr(async () => bookingOf(await slotOf(2 * DAY_MS))),
    // Whole minutes apart, so no two are the same slot; all start within the hour (check-in is open).
    soonBooking: sharedOr(async () => {
      soonMinutes += 2;
      return bookingOf(await slotOf(soonMinutes * 60_000));
    }),
    offeredBooking: sharedOr(async () => {
      // One seat: a neighbour takes it, 李建国 waits, the neighbour cancels, and the seat is offered to him.
      const slotId = await slotOf(3 * DAY_MS, 1);
      const neighbour = anotherResident();
      const first = await bookingOf(slotId, neighbour);
      const waiting = await bookingOf(slotId, 'u-res-li', { waitlist: true });
      await ok('a cancellation', as(neighbour).post(`/bookings/${first}/cancel`, {}));
      const offered = await ok<{ status: string }>('the offer', as('u-res-li').get(`/bookings/${waiting}`));
      if (offered.status !== 'offered') throw new Error(`fixture: the waiting booking is ${offered.status}, not offered`);
      return waiting;
    }),
    dueBallotSlot: sharedOr(() => slotOf(6 * DAY_MS, 3, { allocation: 'ballot', ballotHours: 1 })),
    witnessedSlot: sharedOr(() => slotOf(6 * DAY_MS, 3, { ...WITNESSED, ballotHours: 48 })),
    committedSlot: sharedOr(async () => {
      // Closed at once (applications were taken for an hour from the window's opening): the commitments go
      // straight to the table, as if made before the close.
      const id = await slotOf(6 * DAY_MS, 3, { ...WITNESSED, ballotHours: 1 });
      const at = new Date().toISOString();
      for (const w of WITNESSED.draw.witnesses) await putCommitment(id, w, createHash('sha256').update(witnessSecret(w)).digest('hex'), at);
      await ok('a committed draw', as('u-staff-guo').post(`/slots/${id}/draw`, {}));
      return id;
    }),
    draw: { serviceId: drawn.serviceId, drawId: drawn.slotId },
    team,
    offer,
    agreement: sharedOr(async () => {
      const id = await offer(true);
      await ok('an acceptance', as('u-staff-guo').post(`/partnerships/${id}/accept`));
      return id;
    }),
    resident: sharedOr(async () => {
      const [id] = await addResidents(1, `u-rt-gc-signed-${next()}`);
      return keep(id);
    }),
    streetLimits: limits,
    calendar: { year, body: { holidays: thisYear.holidays, workdays: thisYear.workdays, hours: thisYear.hours } },
    council: {
      roster,
      settings: councilSettings.settings,
      workday,
      topic: (stage, fresh) => topics.get(stage)!(fresh),
      staffTask: sharedOr(async () => {
        const topicId = await toStage('applying');
        const detail = await guo('a staff task', `/council/topics/${topicId}/tasks`, {
          kind: 'staff',
          title: '联系物业划线',
          ownerId: 'u-grid-sun',
          dueDate: workday,
        });
        return { topicId, taskId: detail.tasks[0].id };
      }),
      objection: sharedOr(async () => {
        const topicId = await toStage('published');
        const detail = await ok<TopicDetail>(
          'an objection',
          as('u-res-li').post(`/council/topics/${topicId}/objections`, { text: '车位分配不公平' }),
        );
        return { topicId, objectionId: detail.objections[0].id };
      }),
    },
  };
}

export const freshCode = () => `rt-${randomUUID()}`;
