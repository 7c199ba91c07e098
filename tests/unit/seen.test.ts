import { partitionOf } from '../../functions/data/wishes';
import { openSeen, sealSeen } from '../../functions/wishes/seen';
import type { User } from '../../shared/schemas/users';
import { WISH_FIELDS } from '../helpers/wish-fixture';

/**
 * The sealed copy of a wish's page (functions/wishes/seen.ts): it opens only for the viewer and the wish it was
 * sealed for, within its half hour, under the secret that sealed it, and not at all once any character changed.
 */

const WISH_ITEM = { PK: 'WISH#w1', SK: 'WISH', type: 'wish', ...WISH_FIELDS, clockRev: 3 };
const event = (seq: number, action: string, from: string | null, to: string) => ({
  PK: 'WISH#w1',
  SK: `EVENT#00000${seq}`,
  type: 'wishEvent',
  seq,
  at: '2026-11-23T01:00:00.000Z',
  action,
  from,
  to,
  actorId: 'owner',
  actorName: '李建国',
  actorRole: 'resident',
  onBehalf: false,
  note: null,
});
const EVENTS = [event(1, 'submit', null, 'submitted'), event(2, 'route', 'submitted', 'routed')];
const found = partitionOf('w1', [...EVENTS, WISH_ITEM, { PK: 'WISH#w1', SK: 'SUPPORTER#r9' }])!;
const vol = { id: 'vol' } as User;
const at = new Date('2026-11-28T08:00:00.000Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

const saved = process.env.JWT_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.JWT_SECRET;
  else process.env.JWT_SECRET = saved;
});

describe('a sealed copy of a wish', () => {
  test('opens as the partition it sealed, clock stamp and supporters with it', () => {
    const opened = openSeen(sealSeen(vol, found, at), vol, 'w1', minutes(29));
    expect(opened?.wish).toEqual(found.wish);
    expect([opened?.clockRev, [...(opened?.supporters ?? [])]]).toEqual([3, ['r9']]);
  });

  test.each([
    ['for another viewer', { id: 'vol2' } as User, 'w1', minutes(1)],
    ['for another wish', vol, 'w2', minutes(1)],
    ['after half an hour', vol, 'w1', minutes(31)],
    ['dated ahead of the clock', vol, 'w1', minutes(-5)],
  ])('does not open %s', (_, viewer, wishId, now) => {
    expect(openSeen(sealSeen(vol, found, at), viewer, wishId, now)).toBeNull();
  });

  test('is not made from a read that met a transition half-way (the wish at a version its timeline does not reach)', () => {
    expect(sealSeen(vol, partitionOf('w1', [EVENTS[0], WISH_ITEM])!, at)).toBeUndefined();
  });

  test('does not open under another secret (sealed before a rotation)', () => {
    process.env.JWT_SECRET = 'a-secret-of-at-least-thirty-two-characters-one';
    const token = sealSeen(vol, found, at);
    process.env.JWT_SECRET = 'a-secret-of-at-least-thirty-two-characters-two';
    expect(openSeen(token, vol, 'w1', at)).toBeNull();
  });

  test('does not open once any character of it changed, nor reads as text', () => {
    const token = sealSeen(vol, found, at)!;
    // (Not the last character: some of its bits are padding, so a change there may not change a byte.)
    for (let i = 0; i < token.length - 1; i += 3) {
      const altered = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(openSeen(altered, vol, 'w1', at)).toBeNull();
    }
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toMatch(/13800000002|owner|WISH#/);
  });
});
