import { USER_ACTIONS, WISH_STATUSES, type UserAction, type WishAction, type WishStatus } from '../../../shared/schemas/wishes';
import { as } from '../../helpers/api';
import { useDemoTable } from '../../helpers/table';
import { wishIn } from '../../helpers/wishes';

useDemoTable();

/**
 * Every action × every status × eleven people who stand differently to the wish. The expectations are
 * the foundation issue's rules written out here, not read from the implementation.
 */
interface Person {
  id: string;
  roles: string[];
  /** May see this wish at all (else 404). */
  sees: (s: WishStatus) => boolean;
  /** May take this action on it, status aside (else 403). */
  may: (a: WishAction, s: WishStatus) => boolean;
}

const routedToTeam = (s: WishStatus) => !['submitted', 'rejected'].includes(s); // LAMP wishes go to 古城能人库
const hasClaimant = (s: WishStatus) => ['claimed', 'in_progress', 'done', 'confirmed'].includes(s);
/** What the people who run the queue of the wish's place may do; the wishes here sit at the grid's level. */
const manage = (a: WishAction) =>
  ['route', 'reject', 'close', 'confirm', 'dispute', 'resolve', 'escalate', 'extend_deadline', 'merge'].includes(a);

const PEOPLE: Record<string, Person> = {
  owner: { id: 'u-res-li', roles: ['resident'], sees: () => true, may: (a) => a === 'confirm' || a === 'dispute' },
  claimant: {
    id: 'u-vol-zhang',
    roles: ['volunteer', 'resident'],
    sees: routedToTeam,
    may: (a, s) =>
      a === 'claim' ||
      (['release', 'start', 'complete', 'extend_lease'].includes(a) && hasClaimant(s)) ||
      (a === 'send_back' && s !== 'rejected' && s !== 'submitted'),
  },
  // A team mate may send a wish back only while nobody holds it.
  teamMate: {
    id: 'u-vol-liu',
    roles: ['volunteer', 'resident'],
    sees: routedToTeam,
    may: (a, s) => a === 'claim' || (a === 'send_back' && !hasClaimant(s)),
  },
  otherTeam: { id: 'u-vol-chen', roles: ['volunteer'], sees: () => false, may: () => false },
  otherResident: { id: 'u-res-zhao', roles: ['resident'], sees: () => false, may: () => false },
  gridWorker: { id: 'u-grid-sun', roles: ['gridWorker'], sees: () => true, may: manage },
  otherGridWorker: { id: 'u-grid-zhou', roles: ['gridWorker'], sees: () => false, may: () => false },
  staff: { id: 'u-staff-guo', roles: ['staff'], sees: () => true, may: manage },
  otherCommunityStaff: { id: 'u-staff-ptn', roles: ['staff'], sees: () => false, may: () => false },
  // The street above: oversees every wish of its communities, and may act as their staff do.
  street: { id: 'u-street-li', roles: ['streetStaff'], sees: () => true, may: manage },
  // An operator reads any wish and may reject or close abuse; nothing else (docs/roles.md).
  admin: { id: 'u-admin', roles: ['admin'], sees: () => true, may: (a) => a === 'reject' || a === 'close' },
};

const MANAGERS = ['gridWorker', 'staff', 'streetStaff'];
const ROUTE_ROLES: Record<UserAction, string[]> = {
  route: MANAGERS,
  reject: [...MANAGERS, 'admin'],
  close: [...MANAGERS, 'admin'],
  claim: ['volunteer'],
  release: ['volunteer'],
  start: ['volunteer'],
  complete: ['volunteer'],
  confirm: ['resident', ...MANAGERS],
  dispute: ['resident', ...MANAGERS],
  send_back: ['volunteer'],
  extend_lease: ['volunteer'],
  resolve: MANAGERS,
  escalate: MANAGERS,
  send_down: MANAGERS,
  extend_deadline: MANAGERS,
  merge: MANAGERS,
};
const OPEN = ['submitted', 'routed', 'claimed', 'in_progress'] as WishStatus[];
const FROM: Record<UserAction, WishStatus[]> = {
  route: ['submitted', 'routed'],
  claim: ['routed'],
  release: ['claimed', 'in_progress'],
  start: ['claimed'],
  complete: ['in_progress'],
  confirm: ['done'],
  dispute: ['done'],
  reject: ['submitted', 'routed'],
  close: OPEN,
  send_back: ['routed', 'claimed', 'in_progress'],
  resolve: ['submitted', 'routed'],
  escalate: OPEN,
  send_down: OPEN,
  extend_lease: ['claimed'],
  extend_deadline: OPEN,
  merge: ['submitted', 'routed'],
};
let mergeTarget = '';
const BODY: Record<UserAction, () => object> = {
  route: () => ({ teamId: 't-gc-lexiujiang', reason: '乐修匠离得近' }),
  claim: () => ({}),
  release: () => ({ reason: '临时有事' }),
  start: () => ({}),
  complete: () => ({ note: '修好了' }),
  confirm: () => ({ rating: 4, consent: true }),
  dispute: () => ({ reason: '还是没修好', consent: true }),
  reject: () => ({ reason: '重复提交' }),
  close: () => ({ reason: '需要整体改造' }),
  send_back: () => ({ reason: '不是我们的专长' }),
  resolve: () => ({ note: '电话沟通已解决' }),
  escalate: () => ({ reason: '网格解决不了' }),
  send_down: () => ({ reason: '请网格先处理' }),
  extend_lease: () => ({}),
  extend_deadline: () => ({ workingDays: 5, reason: '要等配件' }),
  merge: () => ({ intoId: mergeTarget, reason: '同一件事' }),
};

function expected(p: Person, action: UserAction, status: WishStatus): [number, string?] {
  if (!ROUTE_ROLES[action].some((r) => p.roles.includes(r))) return [403, 'FORBIDDEN'];
  if (!p.sees(status)) return [404, 'NOT_FOUND'];
  if (!p.may(action, status)) return [403, 'FORBIDDEN'];
  if (action === 'claim' && hasClaimant(status) && status !== 'confirmed') {
    // The claimant claiming again is a retry: they get the wish back, unchanged.
    return p.id === PEOPLE.claimant.id ? [200] : [409, 'ALREADY_CLAIMED'];
  }
  if (!FROM[action].includes(status)) return [409, 'INVALID_TRANSITION'];
  return [200];
}

beforeAll(async () => {
  mergeTarget = await wishIn('routed');
});

describe.each(WISH_STATUSES)('a wish that is %s', (status) => {
  test('every person gets the status the rules give for every action, and refusals change nothing', async () => {
    const shared = await wishIn(status);
    const before = await as(PEOPLE.owner.id).get(`/wishes/${shared}`);
    const mismatches: string[] = [];
    for (const action of USER_ACTIONS) {
      for (const [name, person] of Object.entries(PEOPLE)) {
        const [want, code] = expected(person, action, status);
        // A success changes the wish, so each one gets a fresh wish in the same status.
        const id = want === 200 ? await wishIn(status) : shared;
        const res = await as(person.id).post(`/wishes/${id}/${action.replaceAll('_', '-')}`, BODY[action]());
        const got = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        if (got !== `${want} ${code ?? ''}`.trim()) mismatches.push(`${action} by ${name}: want ${want} ${code ?? ''}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    const after = await as(PEOPLE.owner.id).get(`/wishes/${shared}`);
    expect(after.body).toEqual(before.body);
  });
});
