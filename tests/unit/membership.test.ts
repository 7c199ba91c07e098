import { AppError } from '../../shared/errors';
import { DEFAULT_SLA } from '../../shared/schemas/sla';
import type { ClockContext } from '../../shared/domain/sla';
import {
  assertHomeChangeAllowed,
  assertMayApplyAgain,
  isVerifiedMemberOf,
  mayApplyAgainAt,
  recentHomeChanges,
} from '../../shared/domain/membership';
import { applyProfile } from '../../shared/domain/residents';
import { applyAction } from '../../shared/domain/wish-transition';
import { toWallItem } from '../../shared/domain/wish-view';
import type { Application } from '../../shared/schemas/teams';
import { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { aWish } from '../helpers/wish-fixture';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T02:00:00.000Z');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const HOME = { streetId: 'st', communityId: 'c-gucheng', gridId: 'g-1', buildingId: 'b-1', flat: '1单元101' };

const user = (extra: Partial<User> = {}): User =>
  User.parse({
    id: 'u1',
    name: '陈阿姨',
    roles: ['resident'],
    phone: '13911112222',
    home: HOME,
    gridIds: [],
    staffCommunityIds: [],
    teamIds: [],
    skills: [],
    onboarded: true,
    verified: true,
    demo: false,
    createdAt: at(100),
    ...extra,
  });

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

describe('isVerifiedMemberOf: a declared home is not membership, a verified one is', () => {
  test.each([
    ['a verified resident of the community', {}, 'c-gucheng', true],
    ['a resident who only said they live there', { verified: false }, 'c-gucheng', false],
    ['a verified resident of another community', {}, 'c-pingtannao', false],
    ['a verified person with no home', { home: null }, 'c-gucheng', false],
    ['a verified home on someone who is no resident (a volunteer only)', { roles: ['volunteer'] as User['roles'] }, 'c-gucheng', false],
    [
      'staff of the community, with no home there',
      { roles: ['staff'] as User['roles'], home: null, staffCommunityIds: ['c-gucheng'] },
      'c-gucheng',
      false,
    ],
    ['a volunteer who is also a verified resident there', { roles: ['volunteer', 'resident'] as User['roles'] }, 'c-gucheng', true],
  ])('%s', (_name, extra, communityId, expected) => {
    expect(isVerifiedMemberOf(user(extra), communityId)).toBe(expected);
  });
});

describe('a change of home is limited to a few in 30 days', () => {
  test.each([
    ['none before', [], 2, undefined],
    ['one in the last 30 days', [at(3)], 2, undefined],
    ['two in the last 30 days', [at(3), at(20)], 2, 'TOO_MANY_HOME_CHANGES'],
    ['two, one of them 30 days ago exactly (no longer counted)', [at(3), at(30)], 2, undefined],
    ['two long ago', [at(40), at(60)], 2, undefined],
    ['one, with a limit of one', [at(29)], 1, 'TOO_MANY_HOME_CHANGES'],
  ])('%s', (_name, changes, limit, code) => {
    expect(codeOf(() => assertHomeChangeAllowed(changes, NOW, limit))).toBe(code);
  });

  test('the refusal says from when the next change is possible', () => {
    expect(() => assertHomeChangeAllowed([at(3), at(20)], NOW, 2)).toThrow(new Date(NOW + 10 * DAY).toISOString());
    expect(recentHomeChanges([at(3), at(31)], NOW)).toEqual([at(3)]);
  });

  const rules = { now: new Date(NOW).toISOString(), homeChangesPerMonth: 2 };
  const moved = { ...HOME, buildingId: 'b-2', flat: '2单元202' };

  test.each([
    ['a move', { home: moved }, false, 1],
    ['another flat in the same building', { home: { ...HOME, flat: '3单元303' } }, false, 1],
    ['the same home again', { home: HOME }, true, 0],
    ['a new name', { name: '陈奶奶' }, false, 0],
    ['a new birth year', { birthYear: 1950 }, false, 0],
    ['a typed phone number', { phone: '13922223333' }, false, 0],
    ['the same phone number typed again', { phone: '13911112222' }, true, 0],
    ["a number from WeChat's phone button", { phone: '13922223333', phoneFromWechat: true }, true, 0],
  ])('%s %o: verified afterwards %s, changes of home counted %s', (_name, change, verified, counted) => {
    const next = applyProfile(user({ homeChanges: [] }), change, rules);
    expect(next.verified).toBe(verified);
    expect(next.homeChanges).toHaveLength(counted);
  });

  test('the first home one says is no change; the third move in 30 days is refused; old ones are forgotten', () => {
    const newcomer = user({ home: null, verified: false, homeChanges: [] });
    expect(applyProfile(newcomer, { home: HOME }, rules).homeChanges).toEqual([]);
    const twice = user({ homeChanges: [at(2), at(10)] });
    expect(codeOf(() => applyProfile(twice, { home: moved }, rules))).toBe('TOO_MANY_HOME_CHANGES');
    expect(applyProfile(twice, { name: '陈奶奶' }, rules).homeChanges).toEqual([at(2), at(10)]);
    expect(applyProfile(user({ homeChanges: [at(2), at(45)] }), { home: moved }, rules).homeChanges).toEqual([at(2), rules.now]);
  });
});

describe('a declined applicant waits before applying to the same team again', () => {
  const decided = (status: Application['status'], daysAgo: number | null): Pick<Application, 'status' | 'decidedBy'> => ({
    status,
    decidedBy: daysAgo === null ? null : { userId: 'u-lead', name: '队长', at: at(daysAgo) },
  });
  test.each([
    ['never applied', null, undefined],
    ['declined yesterday', decided('declined', 1), 'APPLY_TOO_SOON'],
    ['declined 29 days ago', decided('declined', 29), 'APPLY_TOO_SOON'],
    ['declined 30 days ago', decided('declined', 30), undefined],
    ['approved yesterday (and since left the team)', decided('approved', 1), undefined],
  ])('%s', (_name, previous, code) => {
    expect(codeOf(() => assertMayApplyAgain(previous, NOW, 30))).toBe(code);
  });
  test('the waiting time is counted from the decision', () => {
    expect(mayApplyAgainAt(decided('declined', 1), 30)).toBe(NOW + 29 * DAY);
    expect(mayApplyAgainAt(decided('approved', 1), 30)).toBeNull();
  });
});

describe('the wall names a volunteer only with their consent, recorded on the wish when they claim it', () => {
  const wish = (extra: Partial<Wish> = {}): Wish =>
    aWish({
      communityId: 'c-gucheng',
      gridId: 'g-1',
      buildingId: 'b-1',
      wallConsent: 'summary',
      createdAt: at(2),
      updatedAt: at(2),
      ...extra,
    });
  const clock: ClockContext = { limits: DEFAULT_SLA, calendar: new Map(), now: NOW };
  const volunteer = (showNameOnWall?: boolean) => ({
    id: 'vol',
    name: '刘建军',
    roles: ['volunteer' as const],
    gridIds: [],
    staffCommunityIds: [],
    streetIds: [],
    teamIds: ['team-a'],
    ...(showNameOnWall === undefined ? {} : { showNameOnWall }),
  });

  test.each([
    ['agreed', true, '刘建军'],
    ['did not agree', false, '刘**'],
    ['never said (an older profile)', undefined, '刘**'],
  ])('a volunteer who %s (consent: %s) is shown as %s', (_name, consent, shown) => {
    const claimed = applyAction(wish(), { action: 'claim', body: {}, actor: volunteer(consent), now: new Date(NOW).toISOString(), clock });
    expect(claimed.wish.claimantName).toBe('刘建军');
    expect(toWallItem({ ...claimed.wish, status: 'confirmed', rating: 5 }).claimantName).toBe(shown);
  });

  test('a wish claimed before consent was asked shows the name masked; none is none', () => {
    expect(toWallItem(wish({ status: 'confirmed', claimantId: 'vol', claimantName: '张师傅' })).claimantName).toBe('张**');
    expect(toWallItem(wish({ status: 'confirmed' })).claimantName).toBeNull();
  });
});
