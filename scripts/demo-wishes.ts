import { workingMinutesBetween, type Calendar } from '../shared/domain/working-time';
import type { ActionBody, UserAction, WallConsent } from '../shared/schemas/wishes';

/** Demo wishes, timed back from the moment of seeding, so a new user finds clocks running: some yellow, one red. */
export interface DemoWish {
  id: string;
  ownerId: string;
  category: string;
  buildingId: string;
  description: string;
  kind?: 'wish' | 'callback';
  shared?: boolean;
  /** When it was posted: `working` minutes of office time before now, or `minutes` of calendar time. */
  ago: { working: number } | { minutes: number };
  /** Actions after submission, each by a user, with its body, `after` minutes after the one before. */
  then: { action: UserAction; by: string; body: ActionBody<UserAction> | Record<string, unknown>; after: number }[];
}

const WALL: WallConsent = 'full';

export const DEMO_WISHES: DemoWish[] = [
  {
    id: 'w-demo-fan',
    ownerId: 'u-res-wang',
    category: 'cat-appliance',
    buildingId: 'b-gc-3',
    description: '厨房的老抽油烟机坏了,一开就响,想请师傅帮忙换个新的。',
    ago: { minutes: 20 * 24 * 60 },
    then: [
      { action: 'claim', by: 'u-vol-chen', body: {}, after: 90 },
      { action: 'start', by: 'u-vol-chen', body: {}, after: 60 },
      { action: 'complete', by: 'u-vol-chen', body: { note: '已换新油烟机,试机正常' }, after: 120 },
      { action: 'confirm', by: 'u-res-wang', body: { rating: 5, comment: '陈师傅手艺好,谢谢乐修匠!', wall: WALL }, after: 240 },
    ],
  },
  {
    // Routed six office hours ago and nobody has claimed it: its claim clock (one working day) is yellow.
    id: 'w-demo-lamp',
    ownerId: 'u-res-li',
    category: 'cat-electric',
    buildingId: 'b-gc-1',
    description: '家里客厅的灯不亮了,换了灯泡也不行,可能是线路问题。',
    ago: { working: 360 },
    then: [],
  },
  {
    // In triage 50 office minutes, past its 30: red; the clock's first run sends it up to the community.
    id: 'w-demo-stairs',
    ownerId: 'u-res-zhao',
    category: 'cat-other',
    buildingId: 'b-gc-6',
    shared: true,
    description: '楼道里堆了很多杂物,老人上下楼不方便,也有消防隐患。',
    ago: { working: 50 },
    then: [],
  },
  {
    // Claimed 3 office hours ago and not started: the lease (4 working hours) is running out.
    id: 'w-demo-leak',
    ownerId: 'u-res-wang',
    category: 'cat-plumbing',
    buildingId: 'b-gc-3',
    description: '卫生间水管接口漏水,地上总是湿的,怕老人滑倒。',
    ago: { working: 200 },
    then: [{ action: 'claim', by: 'u-vol-liu', body: {}, after: 20 }],
  },
  {
    // The street lamp at the courtyard gate of seed 003: no volunteer has the skill; the grid worker asks the lighting centre.
    id: 'w-demo-gate',
    ownerId: 'u-res-li',
    category: 'cat-public-light',
    buildingId: 'b-gc-1',
    shared: true,
    description: '小区门口没有路灯,晚上下班回来看不见路,希望加装一盏。',
    ago: { minutes: 15 },
    then: [],
  },
  {
    // 请回电: an elderly resident would rather talk; on an urgent clock (10 minutes).
    id: 'w-demo-callback',
    ownerId: 'u-res-wang',
    category: 'cat-callback',
    buildingId: 'b-gc-3',
    kind: 'callback',
    description: '想问问怎么申请助餐,请给我回个电话。',
    ago: { minutes: 4 },
    then: [],
  },
];

/** The instant `minutes` of office time before `nowMs` (a binary search over the calendar). */
export function workingMinutesBefore(nowMs: number, minutes: number, calendar: Calendar): number {
  let lo = nowMs - 60 * 86_400_000;
  let hi = nowMs;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (workingMinutesBetween(mid, nowMs, calendar) > minutes) lo = mid;
    else hi = mid;
  }
  return Math.floor(hi / 60_000) * 60_000;
}
