import { timelineViewOf, viewTimeline } from '../../shared/domain/timeline-view';
import type { Actor } from '../../shared/domain/wish-access';
import type { WishEvent } from '../../shared/schemas/wishes';
import { aWish } from '../helpers/wish-fixture';

const actor = (id: string, extra: Partial<Actor> = {}): Actor => ({
  id,
  name: id,
  roles: ['resident'],
  gridIds: [],
  staffCommunityIds: [],
  streetIds: [],
  teamIds: [],
  ...extra,
});
const owner = actor('owner');
const claimant = actor('vol', { roles: ['volunteer'], teamIds: ['team-a'] });
const teammate = actor('vol-b', { roles: ['volunteer'], teamIds: ['team-a'] });
const neighbour = actor('neighbour');
const gridWorker = actor('gw', { roles: ['gridWorker'], gridIds: ['grid-1'] });
const staff = actor('staff', { roles: ['staff'], staffCommunityIds: ['com-1'] });
const street = actor('street', { roles: ['streetStaff'], streetIds: ['s'] });
const admin = actor('admin', { roles: ['admin'] });

const wish = aWish({ status: 'in_progress', claimantId: 'vol', claimantName: '张师傅', version: 5 });

const event = (
  seq: number,
  action: WishEvent['action'],
  actorId: string,
  actorName: string,
  actorRole: WishEvent['actorRole'],
  note: string | null,
): WishEvent => ({
  seq,
  at: `2026-11-23T0${seq}:00:00.000Z`,
  action,
  from: null,
  to: 'routed',
  actorId,
  actorName,
  actorRole,
  onBehalf: false,
  note,
});
const timeline: WishEvent[] = [
  event(1, 'submit', 'owner', '李建国', 'resident', '我住1单元101，晚上在家'),
  event(2, 'route', 'system', '系统', 'system', '派给 古城能人库：技能 电工 相符'),
  event(3, 'send_back', 'vol-x', '何伟', 'volunteer', '我们队没有电工，王大爷家的情况另说'),
  event(4, 'route', 'gw', '孙丽', 'gridWorker', '改派 古城能人库'),
  event(5, 'support', 'neighbour', '赵敏', 'resident', null),
  event(6, 'claim', 'vol', '张师傅', 'volunteer', '明早九点到'),
];

describe('a timeline per viewer', () => {
  test.each<[string, string, Actor, boolean]>([
    ['the resident who posted it', 'full', owner, false],
    ['the volunteer holding it', 'full', claimant, false],
    ['another volunteer of the routed team', 'team', teammate, false],
    ['a neighbour who said 我也遇到', 'neighbour', neighbour, true],
    ['the grid worker of its grid', 'full', gridWorker, false],
    ['staff of its community', 'full', staff, false],
    ['staff of its street', 'full', street, false],
    ['the operator', 'full', admin, false],
  ])('%s sees the %s view', (_who, view, viewer, supporting) => {
    expect(timelineViewOf(viewer, wish, supporting)).toBe(view);
  });

  test('the full view is the timeline as it is', () => {
    for (const viewer of [owner, claimant, gridWorker, staff, street, admin])
      expect(viewTimeline(timeline, wish, viewer)).toEqual(timeline);
  });

  test('the team sees the office’s reasons but not what residents or volunteers wrote', () => {
    const seen = viewTimeline(timeline, wish, teammate);
    expect(seen.map((e) => e.note)).toEqual([null, '派给 古城能人库：技能 电工 相符', null, '改派 古城能人库', null, null]);
    expect(seen.map((e) => e.actorName)).toEqual(timeline.map((e) => e.actorName));
  });

  test('a neighbour sees no name of any person and no free text at all', () => {
    const seen = viewTimeline(timeline, wish, neighbour, true);
    expect(seen.every((e) => e.note === null)).toBe(true);
    expect(seen.map((e) => e.actorName)).toEqual(['李**', '系统', '何**', '孙**', '赵**', '张**']);
    const raw = JSON.stringify(seen);
    for (const secret of ['李建国', '1单元101', '王大爷', '孙丽', '张师傅', '明早九点到']) expect(raw).not.toContain(secret);
  });
});
