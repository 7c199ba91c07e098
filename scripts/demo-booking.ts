import { AppError } from '../shared/errors';
import { materialise } from '../shared/domain/booking/schedule';
import type { Service, ServiceRules } from '../shared/schemas/services';
import { bookSlot } from '../functions/booking/book';
import { openSlotsOf } from '../functions/booking/materialise';
import { putService } from '../functions/data/booking/services';
import { getUser } from '../functions/data/users';

/**
 * The booking catalog of 古城社区 (seed 002's service centre and its volunteers): free haircuts by the
 * red-cap party volunteers, the 乐修匠 appliance-repair day (oversubscribed: a ballot), lunch at the
 * elders' canteen (老年助餐, 60+), and the 议事厅 council room. Slots open for the coming window from
 * the moment of seeding, and a few bookings are made through the same code the API runs.
 */
const RULES: ServiceRules = {
  durationMinutes: 30,
  seatsPerSlot: 4,
  opensDaysAhead: 7,
  opensAt: '08:00',
  closes: { hoursBefore: 2 },
  cancelBy: { hoursBefore: 2 },
  quota: { active: 1, perMonth: 2 },
  eligibility: { minAge: null, gridIds: [] },
  allocation: 'first_come',
  ballotHours: 48,
  reservedPercent: 25,
  releaseHoursBefore: 24,
  graceMinutes: 15,
  offerHours: { self: 2, assisted: 12 },
};

const CREATED = '2026-10-01T08:00:00.000Z';
const service = (
  s: Pick<Service, 'id' | 'name' | 'description' | 'place' | 'kind' | 'teamId' | 'teamName' | 'schedule' | 'order'> & {
    rules: Partial<ServiceRules>;
  },
): Service => ({
  ...s,
  communityId: 'c-gucheng',
  rules: { ...RULES, ...s.rules },
  active: true,
  createdAt: CREATED,
  updatedAt: CREATED,
  version: 1,
});
const weekly = (days: number[], starts: string[]) => days.flatMap((weekday) => starts.map((start) => ({ weekday, start })));

export const DEMO_SERVICES: Service[] = [
  service({
    id: 'svc-haircut',
    name: '免费理发',
    order: 10,
    kind: 'service',
    teamId: 't-gc-hongmao',
    teamName: '红帽党员志愿队',
    description: '红帽党员志愿队的师傅每周二、四、六上午义务理发,每位约半小时。',
    place: '党群服务中心一楼 理发室',
    schedule: weekly([2, 4, 6], ['09:00', '09:30', '10:00', '10:30']),
    rules: {},
  }),
  service({
    id: 'svc-repair-day',
    name: '家电义修日',
    order: 20,
    kind: 'service',
    teamId: 't-gc-lexiujiang',
    teamName: '乐修匠维修队',
    description: '乐修匠维修队周六在社区广场义修小家电。名额少,报名48小时后公开抽签,未中签的按名次候补。',
    place: '古城社区广场',
    schedule: weekly([6], ['09:00', '10:00', '11:00']),
    rules: {
      durationMinutes: 60,
      seatsPerSlot: 6,
      allocation: 'ballot',
      reservedPercent: 0,
      quota: { active: 1, perMonth: 1 },
      closes: { dayBeforeAt: '18:00' },
      cancelBy: { dayBeforeAt: '18:00' },
      graceMinutes: 20,
      // The seed is made in front of 郭书记 and 王秀英 (居民代表 on the council roster) and a lottery draw after the
      // close (issue 16): nobody, the operator included, can know the order before the last of them.
      draw: {
        witnesses: ['u-staff-guo', 'u-res-wang'],
        publicSource: { name: '中国福利彩票 双色球', which: '监督人揭示截止后的第一期开奖号码' },
        revealHours: 24,
        ifWitnessSilent: 'public_only',
        // Two chances each; one, for 30 days, after a third unexcused no-show within 90 days.
        weights: { normal: 2, restricted: 1 },
      },
    },
  }),
  service({
    id: 'svc-lunch',
    name: '老年助餐·午餐',
    order: 30,
    kind: 'service',
    teamId: 't-gc-hongmao',
    teamName: '红帽党员志愿队',
    description: '长者食堂为60岁以上居民供应午餐。前一天16:00前预约或取消,食堂按人数备餐。',
    place: '古城社区长者食堂',
    schedule: weekly([1, 2, 3, 4, 5], ['11:30']),
    rules: {
      durationMinutes: 60,
      seatsPerSlot: 30,
      eligibility: { minAge: 60, gridIds: [] },
      quota: { active: 5, perMonth: 31 },
      closes: { dayBeforeAt: '16:00' },
      cancelBy: { dayBeforeAt: '16:00' },
      reservedPercent: 20,
      releaseHoursBefore: 48,
      graceMinutes: 30,
    },
  }),
  service({
    id: 'svc-council-room',
    name: '议事厅',
    order: 40,
    kind: 'room',
    teamId: null,
    teamName: null,
    description: '党群服务中心二楼议事厅,可容纳30人,供居民议事会、楼栋会议使用。',
    place: '党群服务中心二楼 议事厅',
    schedule: weekly([1, 2, 3, 4, 5, 6], ['14:00', '19:00']),
    rules: {
      durationMinutes: 120,
      seatsPerSlot: 1,
      opensDaysAhead: 14,
      reservedPercent: 0,
      closes: { hoursBefore: 24 },
      cancelBy: { hoursBefore: 24 },
      quota: { active: 1, perMonth: 4 },
      graceMinutes: 30,
    },
  }),
];

/** A demo booking: whoever asks, for whom, on the first slot of a service that takes it. */
const DEMO_BOOKINGS = [
  { key: 'demo-booking-lunch-wang', by: 'u-grid-sun', forResidentId: 'u-res-wang', serviceId: 'svc-lunch' },
  { key: 'demo-booking-haircut-li', by: 'u-res-li', serviceId: 'svc-haircut' },
  { key: 'demo-booking-repair-zhao', by: 'u-res-zhao', serviceId: 'svc-repair-day' },
];

async function demoBooking(d: (typeof DEMO_BOOKINGS)[number], now: Date): Promise<boolean> {
  const user = await getUser(d.by);
  const svc = DEMO_SERVICES.find((s) => s.id === d.serviceId)!;
  for (const slot of materialise(svc, now.getTime())) {
    const body = {
      slotId: slot.id,
      waitlist: false,
      ...(d.forResidentId ? { forResidentId: d.forResidentId, consent: true as const } : {}),
    };
    try {
      await bookSlot(user!, body, d.key, now);
      return true;
    } catch (error) {
      // Not open yet, closed, or booked on an earlier start: try the next slot; anything else is a bug.
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'ALREADY_BOOKED' || error.code === 'QUOTA_EXCEEDED' || error.code === 'IDEMPOTENCY_KEY_REUSED') return false;
    }
  }
  return false;
}

/** Services (overwritten with the same values), their slots (opened once), and the demo bookings (made once). */
export async function seedBooking(now = new Date()): Promise<{ services: number; slots: number; bookings: number }> {
  await Promise.all(DEMO_SERVICES.map((s) => putService(s, now.getTime())));
  const opened = await Promise.all(DEMO_SERVICES.map((s) => openSlotsOf(s, now.getTime())));
  let bookings = 0;
  for (const d of DEMO_BOOKINGS) if (await demoBooking(d, now)) bookings++;
  return { services: DEMO_SERVICES.length, slots: opened.reduce((a, b) => a + b, 0), bookings };
}
