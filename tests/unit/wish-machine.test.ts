import {
  canTransition,
  isAwaitingStart,
  isFulfilled,
  isHeldByClaimant,
  isOpen,
  isTerminal,
  nextStatus,
} from '../../shared/domain/wish-machine';
import { WISH_ACTIONS, WISH_STATUSES, type WishAction, type WishStatus } from '../../shared/schemas/wishes';

/** Drives a new wish through actions; returns the status after each, or where it was refused. */
function drive(actions: WishAction[]): { status: WishStatus; refused?: { at: number; action: WishAction; status: WishStatus } } {
  let status: WishStatus = 'submitted';
  for (const [at, action] of actions.entries()) {
    if (!canTransition(status, action)) return { status, refused: { at, action, status } };
    status = nextStatus(action, status);
  }
  return { status };
}

/**
 * The lives a wish can have, as residents, volunteers and grid workers live them. Each is a story the
 * product promises; none restates the transition table.
 */
describe('the lives of a wish', () => {
  test.each([
    ['fixed and confirmed', ['route', 'claim', 'start', 'complete', 'confirm'], 'confirmed'],
    ['rerouted to another team before anyone claimed it', ['route', 'route', 'claim', 'start', 'complete', 'confirm'], 'confirmed'],
    [
      'disputed, finished again by the same volunteer, then confirmed',
      ['route', 'claim', 'start', 'complete', 'dispute', 'complete', 'confirm'],
      'confirmed',
    ],
    ['given up by one volunteer and taken by another', ['route', 'claim', 'start', 'release', 'claim', 'start', 'complete'], 'done'],
    ['rejected as out of scope at triage', ['reject'], 'rejected'],
    ['rejected after routing, before anyone claimed it', ['route', 'reject'], 'rejected'],
    ['closed unfixed while in progress', ['route', 'claim', 'start', 'close'], 'closed_unfixed'],
  ] as const)('%s', (_story, actions, end) => {
    expect(drive([...actions])).toEqual({ status: end });
  });

  test.each([
    ['nobody claims a wish still waiting for triage', ['claim'], 1],
    ['nobody starts work before claiming', ['route', 'start'], 2],
    ['a volunteer cannot complete what they have not started', ['route', 'claim', 'complete'], 3],
    ['a resident confirms only finished work', ['route', 'claim', 'start', 'confirm'], 4],
    ['a claimed wish cannot be rejected, only closed with a reason', ['route', 'claim', 'reject'], 3],
    ['a done wish waits for the resident: it cannot be closed unfixed', ['route', 'claim', 'start', 'complete', 'close'], 5],
    ['a confirmed wish is never reopened', ['route', 'claim', 'start', 'complete', 'confirm', 'dispute'], 6],
    ['a rejected wish is never routed again', ['reject', 'route'], 2],
  ] as const)('%s', (_rule, actions, refusedAt) => {
    expect(drive([...actions]).refused?.at).toBe(refusedAt - 1);
  });
});

describe('what the statuses mean', () => {
  test('an ended wish (confirmed, closed, rejected, merged) accepts no action at all', () => {
    for (const status of WISH_STATUSES.filter(isTerminal)) {
      expect(WISH_ACTIONS.filter((a) => canTransition(status, a))).toEqual([]);
    }
    expect(WISH_STATUSES.filter(isTerminal).sort()).toEqual(['closed_unfixed', 'confirmed', 'merged', 'rejected']);
  });

  test('every open wish has a way forward, and every status is reachable from submitted', () => {
    for (const status of WISH_STATUSES.filter(isOpen)) expect(WISH_ACTIONS.some((a) => canTransition(status, a))).toBe(true);
    const reached = new Set<WishStatus>(['submitted']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const status of [...reached]) {
        for (const action of WISH_ACTIONS.filter((a) => canTransition(status, a))) {
          if (!reached.has(nextStatus(action, status))) grew = reached.add(nextStatus(action, status)) !== null;
        }
      }
    }
    expect([...reached].sort()).toEqual([...WISH_STATUSES].sort());
  });

  test('only a confirmed wish counts as fulfilled; closed unfixed is not solved', () => {
    expect(WISH_STATUSES.filter(isFulfilled)).toEqual(['confirmed']);
    expect(isOpen('closed_unfixed')).toBe(false);
  });

  test('a volunteer holds the wish from claim until the resident confirms', () => {
    expect(WISH_STATUSES.filter(isHeldByClaimant)).toEqual(['claimed', 'in_progress', 'done']);
  });

  test('the lease runs from the claim until the work starts: the only status that can be started or extended', () => {
    expect(WISH_STATUSES.filter(isAwaitingStart)).toEqual(WISH_STATUSES.filter((s) => canTransition(s, 'start')));
    expect(WISH_STATUSES.filter(isAwaitingStart)).toEqual(WISH_STATUSES.filter((s) => canTransition(s, 'extend_lease')));
  });
});
