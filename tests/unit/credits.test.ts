import { creditFor, DEFAULT_CREDIT_POINTS } from '../../shared/domain/credits';
import type { Wish } from '../../shared/schemas/wishes';

const wish = (extra: Partial<Wish> = {}) =>
  ({
    id: 'w1',
    status: 'confirmed',
    claimantId: 'vol',
    ownerId: 'owner',
    teamId: 't1',
    category: 'cat-electric',
    categoryName: '电路照明',
    ...extra,
  }) as Wish;

describe('credit for a confirmed task', () => {
  test.each<[string, Partial<Wish>, Partial<Wish>, boolean]>([
    ['confirmed now: the claimant earns it', { status: 'done' }, {}, true],
    ['confirmed before: nothing more', { status: 'confirmed' }, {}, false],
    ['not confirmed', { status: 'done' }, { status: 'done' }, false],
    ['nobody claimed it', { status: 'done' }, { claimantId: null }, false],
    ['a volunteer’s own wish earns nothing', { status: 'done' }, { claimantId: 'owner' }, false],
  ])('%s', (_what, before, after, earns) => {
    const entry = creditFor(wish(before), wish(after), '2026-11-28T00:00:00.000Z', DEFAULT_CREDIT_POINTS);
    expect(entry !== null).toBe(earns);
    if (entry) expect(entry.userId).toBe('vol');
  });
});
