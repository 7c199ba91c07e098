import { AppError } from '../../shared/errors';
import { allowedActions, assertAllowed, isRepeatedClaim, type Actor } from '../../shared/domain/wish-access';
import { applyAction } from '../../shared/domain/wish-transition';
import { isOnWall, maskName, maskPhone, toWallItem, viewWish } from '../../shared/domain/wish-view';
import { aWish } from '../helpers/wish-fixture';
import { DEFAULT_SLA } from '../../shared/schemas/sla';
import type { ClockContext } from '../../shared/domain/sla';

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
const teamVolunteer = actor('vol', { roles: ['volunteer'], teamIds: ['team-a'] });
const otherVolunteer = actor('vol2', { roles: ['volunteer'], teamIds: ['team-b'] });
const gridWorker = actor('gw', { roles: ['gridWorker'], gridIds: ['grid-1'] });
const staff = actor('staff', { roles: ['staff'], staffCommunityIds: ['com-1'] });
const otherStaff = actor('staff2', { roles: ['staff'], staffCommunityIds: ['com-2'] });
const admin = actor('admin', { roles: ['admin'] });

const wish = aWish;

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};

describe('who may do what to a wish', () => {
  test.each([
    ['a stranger cannot even see it', 'claim', otherVolunteer, wish(), 'NOT_FOUND'],
    [
      'a volunteer of the team never claims their own wish',
      'claim',
      actor('owner', { roles: ['volunteer', 'resident'], teamIds: ['team-a'] }),
      wish(),
      'FORBIDDEN',
    ],
    ['staff of another community cannot see it', 'close', otherStaff, wish(), 'NOT_FOUND'],
    ['the owner may not claim their own wish', 'claim', owner, wish(), 'FORBIDDEN'],
    ['a volunteer of the routed team may claim', 'claim', teamVolunteer, wish(), undefined],
    ['a second claim is told someone else has it', 'claim', teamVolunteer, wish({ status: 'claimed', claimantId: 'x' }), 'ALREADY_CLAIMED'],
    [
      'the claimant claiming again is a wrong transition',
      'claim',
      teamVolunteer,
      wish({ status: 'claimed', claimantId: 'vol' }),
      'INVALID_TRANSITION',
    ],
    [
      'only the claimant completes',
      'complete',
      actor('vol3', { roles: ['volunteer'], teamIds: ['team-a'] }),
      wish({ status: 'in_progress', claimantId: 'vol' }),
      'FORBIDDEN',
    ],
    ['the owner confirms a done wish', 'confirm', owner, wish({ status: 'done', claimantId: 'vol' }), undefined],
    ['nobody confirms before it is done', 'confirm', owner, wish({ status: 'in_progress', claimantId: 'vol' }), 'INVALID_TRANSITION'],
    ['the grid worker of the grid routes', 'route', gridWorker, wish({ status: 'submitted', teamId: null }), undefined],
    ['staff close unfixed', 'close', staff, wish(), undefined],
    ['a volunteer cannot reject', 'reject', teamVolunteer, wish(), 'FORBIDDEN'],
    ['an operator may close abuse', 'close', admin, wish(), undefined],
    ['an operator may reject abuse', 'reject', admin, wish(), undefined],
    ['an operator does not run the queue', 'route', admin, wish({ status: 'submitted', teamId: null }), 'FORBIDDEN'],
    ['an operator does not speak for the resident', 'confirm', admin, wish({ status: 'done', claimantId: 'vol' }), 'FORBIDDEN'],
  ] as const)('%s', (_name, action, who, w, expected) => {
    expect(codeOf(() => assertAllowed(action, who, w))).toBe(expected);
  });

  test('the client is told exactly the actions the state machine allows the viewer', () => {
    expect(allowedActions(teamVolunteer, wish())).toEqual(['claim', 'send_back']);
    expect(allowedActions(owner, wish({ status: 'done', claimantId: 'vol' }))).toEqual(['confirm', 'dispute']);
    expect(allowedActions(teamVolunteer, wish({ status: 'claimed', claimantId: 'vol' }))).toEqual([
      'release',
      'start',
      'send_back',
      'extend_lease',
    ]);
    expect(allowedActions(staff, wish({ status: 'submitted', teamId: null }))).toEqual([
      'route',
      'reject',
      'close',
      'resolve',
      'escalate',
      'extend_deadline',
      'merge',
    ]);
    // Escalated to the community, it is the community's staff's to handle: the grid worker only looks on.
    expect(allowedActions(gridWorker, wish({ status: 'submitted', teamId: null, level: 'community' }))).toEqual([]);
    expect(allowedActions(staff, wish({ status: 'submitted', teamId: null, level: 'community' }))).toContain('send_down');
    expect(allowedActions(otherStaff, wish())).toEqual([]);
    expect(allowedActions(admin, wish({ status: 'submitted', teamId: null }))).toEqual(['reject', 'close']);
  });

  test('the volunteer who holds a wish claiming it again is a retry, not a lost race', () => {
    expect(isRepeatedClaim(teamVolunteer, wish({ status: 'claimed', claimantId: 'vol' }))).toBe(true);
    expect(isRepeatedClaim(teamVolunteer, wish({ status: 'in_progress', claimantId: 'vol' }))).toBe(true);
    expect(isRepeatedClaim(teamVolunteer, wish({ status: 'claimed', claimantId: 'x' }))).toBe(false);
    expect(isRepeatedClaim(teamVolunteer, wish({ status: 'confirmed', claimantId: 'vol' }))).toBe(false);
  });
});

describe('applying an action', () => {
  const now = '2026-11-23T02:00:00.000Z';
  const clock: ClockContext = { limits: DEFAULT_SLA, calendar: new Map(), now: Date.parse(now) };

  test('a claim names the claimant, bumps the version and records the event', () => {
    const { wish: next, event } = applyAction(wish(), { action: 'claim', body: {}, actor: teamVolunteer, now, clock });
    expect(next).toMatchObject({ status: 'claimed', claimantId: 'vol', version: 3, updatedAt: now });
    expect(event).toMatchObject({ seq: 3, action: 'claim', from: 'routed', to: 'claimed', actorRole: 'volunteer', onBehalf: false });
  });

  test('release returns the wish to the team and forgets the claimant', () => {
    const { wish: next } = applyAction(wish({ status: 'in_progress', claimantId: 'vol' }), {
      action: 'release',
      body: { reason: '临时有事' },
      actor: teamVolunteer,
      now,
      clock,
    });
    expect(next).toMatchObject({ status: 'routed', claimantId: null, claimantName: null });
  });

  test('a dispute sends the work back to the same volunteer with the reason', () => {
    const { wish: next, event } = applyAction(wish({ status: 'done', claimantId: 'vol' }), {
      action: 'dispute',
      body: { reason: '灯还是不亮' },
      actor: owner,
      now,
      clock,
    });
    expect(next).toMatchObject({ status: 'in_progress', claimantId: 'vol' });
    expect(event.note).toBe('灯还是不亮');
  });

  test('a grid worker confirms for the resident only with consent, and the event says so', () => {
    const done = wish({ status: 'done', claimantId: 'vol' });
    expect(codeOf(() => applyAction(done, { action: 'confirm', body: { rating: 5, wall: 'hidden' }, actor: gridWorker, now, clock }))).toBe(
      'VALIDATION_FAILED',
    );
    const { event } = applyAction(done, {
      action: 'confirm',
      body: { rating: 5, wall: 'hidden', consent: true },
      actor: gridWorker,
      now,
      clock,
    });
    expect(event).toMatchObject({ actorRole: 'gridWorker', onBehalf: true });
  });

  test('confirm stores the rating, the comment and what the resident agreed to publish', () => {
    const { wish: next } = applyAction(wish({ status: 'done', claimantId: 'vol' }), {
      action: 'confirm',
      body: { rating: 4, comment: '谢谢', wall: 'summary' },
      actor: owner,
      now,
      clock,
    });
    expect(next).toMatchObject({ status: 'confirmed', rating: 4, comment: '谢谢', wallConsent: 'summary' });
  });
});

describe('privacy of a wish', () => {
  test('phones are masked as 138****0000, names as 王**', () => {
    expect(maskPhone('13800000002')).toBe('138****0002');
    expect(maskName('王秀英')).toBe('王**');
    expect(maskName('李大爷')).toBe('李**');
  });

  test('the public wall carries no flat, phone or owner id', () => {
    const item = toWallItem(
      wish({ status: 'confirmed', claimantId: 'vol', claimantName: '张师傅', claimantNameOnWall: true, rating: 5, wallConsent: 'full' }),
    );
    expect(JSON.stringify(item)).not.toMatch(/13800000002|1单元101|"owner"/);
    expect(item).toMatchObject({ ownerName: '李**', claimantName: '张师傅', rating: 5, description: '灯坏了' });
  });

  test.each([
    ['nothing: not on the wall', 'hidden', false, null, null],
    ['a summary: on the wall without their words', 'summary', true, null, null],
    ['everything: with the wish and the comment', 'full', true, '灯坏了', '张师傅来得快'],
  ] as const)('a resident who agreed to publish %s', (_name, consent, shown, description, comment) => {
    const confirmed = wish({ status: 'confirmed', claimantId: 'vol', rating: 5, comment: '张师傅来得快', wallConsent: consent });
    expect(isOnWall(confirmed)).toBe(shown);
    expect(toWallItem(confirmed)).toMatchObject({ description, comment });
  });

  test.each([
    ['owner', owner, '13800000002', '1单元101'],
    ['staff', staff, '13800000002', '1单元101'],
    ['grid worker', gridWorker, '138****0002', '1单元101'],
    ['volunteer before claiming', teamVolunteer, '138****0002', null],
    ['an operator', admin, '138****0002', null],
  ] as const)('%s sees phone %s and flat %s', (_who, viewer, phone, flat) => {
    expect(viewWish(wish(), viewer)).toMatchObject({ contactPhone: phone, flat });
  });

  test('the claimant sees the flat number but not the whole phone', () => {
    expect(viewWish(wish({ status: 'claimed', claimantId: 'vol' }), teamVolunteer)).toMatchObject({
      contactPhone: '138****0002',
      flat: '1单元101',
    });
  });
});
