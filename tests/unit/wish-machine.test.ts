import { canTransition, isFulfilled, isHeldByClaimant, isOpen, isTerminal, nextStatus, TRANSITIONS } from '../../shared/domain/wish-machine';
import { WISH_ACTIONS, WISH_STATUSES, type WishAction, type WishStatus } from '../../shared/schemas/wishes';

// The lifecycle as the foundation issue states it, written out independently of the implementation.
const SPEC: [WishAction, WishStatus[], WishStatus][] = [
  ['route', ['submitted', 'routed'], 'routed'],
  ['claim', ['routed'], 'claimed'],
  ['release', ['claimed', 'in_progress'], 'routed'],
  ['start', ['claimed'], 'in_progress'],
  ['complete', ['in_progress'], 'done'],
  ['confirm', ['done'], 'confirmed'],
  ['dispute', ['done'], 'in_progress'],
  ['reject', ['submitted', 'routed'], 'rejected'],
  ['close', ['submitted', 'routed', 'claimed', 'in_progress'], 'closed_unfixed'],
];

describe('wish state machine', () => {
  const cases = SPEC.flatMap(([action, from, to]) =>
    WISH_STATUSES.map((status) => [action, status, from.includes(status), to] as const),
  );

  test.each(cases)('%s from %s allowed=%s (to %s)', (action, status, allowed, to) => {
    expect(canTransition(status, action)).toBe(allowed);
    if (allowed) expect(nextStatus(action)).toBe(to);
  });

  test('every action of the spec is in the machine and no other', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...WISH_ACTIONS].sort());
  });

  test('terminal statuses accept no action at all', () => {
    for (const status of ['confirmed', 'closed_unfixed', 'rejected'] as const) {
      expect(isTerminal(status)).toBe(true);
      expect(WISH_ACTIONS.filter((a) => canTransition(status, a))).toEqual([]);
    }
  });

  test('every status can be reached from submitted', () => {
    const reached = new Set<WishStatus>(['submitted']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const status of [...reached]) {
        for (const action of WISH_ACTIONS) {
          if (canTransition(status, action) && !reached.has(nextStatus(action))) {
            reached.add(nextStatus(action));
            grew = true;
          }
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
});
