import { WISH_ACTIONS, WISH_STATUSES, type WishAction, type WishStatus } from '../../shared/schemas/wishes';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { wishIn } from '../helpers/wishes';

useDemoTable();

/**
 * Every action × every status × ten people who stand differently to the wish. The expectations are
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
const manage = (a: WishAction) => ['route', 'reject', 'close', 'confirm', 'dispute'].includes(a);

const PEOPLE: Record<string, Person> = {
  owner: { id: 'u-res-li', roles: ['resident'], sees: () => true, may: (a) => a === 'confirm' || a === 'dispute' },
  claimant: {
    id: 'u-vol-zhang', roles: ['volunteer', 'resident'], sees: routedToTeam,
    may: (a, s) => a === 'claim' || (['release', 'start', 'complete'].includes(a) && hasClaimant(s)),
  },
  teamMate: { id: 'u-vol-liu', roles: ['volunteer', 'resident'], sees: routedToTeam, may: (a) => a === 'claim' },
  otherTeam: { id: 'u-vol-chen', roles: ['volunteer'], sees: () => false, may: () => false },
  otherResident: { id: 'u-res-zhao', roles: ['resident'], sees: () => false, may: () => false },
  gridWorker: { id: 'u-grid-sun', roles: ['gridWorker'], sees: () => true, may: manage },
  otherGridWorker: { id: 'u-grid-zhou', roles: ['gridWorker'], sees: () => false, may: () => false },
  staff: { id: 'u-staff-guo', roles: ['staff'], sees: () => true, may: manage },
  otherCommunityStaff: { id: 'u-staff-ptn', roles: ['staff'], sees: () => false, may: () => false },
  // An operator reads any wish and may reject or close abuse; nothing else (docs/roles.md).
  admin: { id: 'u-admin', roles: ['admin'], sees: () => true, may: (a) => a === 'reject' || a === 'close' },
};

const ROUTE_ROLES: Record<WishAction, string[]> = {
  route: ['gridWorker', 'staff'], reject: ['gridWorker', 'staff', 'admin'], close: ['gridWorker', 'staff', 'admin'],
  claim: ['volunteer'], release: ['volunteer'], start: ['volunteer'], complete: ['volunteer'],
  confirm: ['resident', 'gridWorker', 'staff'], dispute: ['resident', 'gridWorker', 'staff'],
};
const FROM: Record<WishAction, WishStatus[]> = {
  route: ['submitted', 'routed'], claim: ['routed'], release: ['claimed', 'in_progress'], start: ['claimed'],
  complete: ['in_progress'], confirm: ['done'], dispute: ['done'], reject: ['submitted', 'routed'],
  close: ['submitted', 'routed', 'claimed', 'in_progress'],
};
const BODY: Record<WishAction, object> = {
  route: { teamId: 't-gc-lexiujiang' }, claim: {}, release: { reason: '临时有事' }, start: {}, complete: { note: '修好了' },
  confirm: { rating: 4, consent: true }, dispute: { reason: '还是没修好', consent: true },
  reject: { reason: '重复提交' }, close: { reason: '需要整体改造' },
};

function expected(p: Person, action: WishAction, status: WishStatus): [number, string?] {
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

describe.each(WISH_STATUSES)('a wish that is %s', (status) => {
  test('every person gets the status the rules give for every action, and refusals change nothing', async () => {
    const shared = await wishIn(status);
    const before = await as(PEOPLE.owner.id).get(`/wishes/${shared}`);
    const mismatches: string[] = [];
    for (const action of WISH_ACTIONS) {
      for (const [name, person] of Object.entries(PEOPLE)) {
        const [want, code] = expected(person, action, status);
        // A success changes the wish, so each one gets a fresh wish in the same status.
        const id = want === 200 ? await wishIn(status) : shared;
        const res = await as(person.id).post(`/wishes/${id}/${action}`, BODY[action]);
        const got = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        if (got !== `${want} ${code ?? ''}`.trim()) mismatches.push(`${action} by ${name}: want ${want} ${code ?? ''}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    const after = await as(PEOPLE.owner.id).get(`/wishes/${shared}`);
    expect(after.body).toEqual(before.body);
  });
});
