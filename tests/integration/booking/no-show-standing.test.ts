import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../../functions/data/db';
import { noShowPut, noShowsOf } from '../../../functions/data/booking/quotas';
import { getStanding } from '../../../functions/data/booking/standing';
import { getSlot } from '../../../functions/data/booking/slots';
import { rememberSlot } from '../../../functions/booking/known-slots';
import { noShowStanding, standingOfMarks, STANDING_REACH_MS } from '../../../shared/domain/booking/noshow';
import { migrateNoShowStanding } from '../../../scripts/migrate-no-show-standing';
import { as } from '../../helpers/api';
import { book, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { tickAt } from '../../helpers/tick';

useDemoTable();

const GRID = 'u-grid-sun';

/** What the no-show history Query (the way a booking used to learn the standing) says at `atMs`, and what the standing item says. */
async function bothAt(residentId: string, atMs: number) {
  const records = await noShowsOf(residentId, new Date(atMs - STANDING_REACH_MS).toISOString());
  const item = await getStanding(residentId);
  return { query: noShowStanding(records, atMs), item: standingOfMarks(item?.noShows ?? [], atMs) };
}

describe('the no-show standing is kept on the resident by the events that change it', () => {
  test('after a check-in, four no-shows at tick and two excuses, the standing says what the history query said', async () => {
    const svc = await testService({ reservedPercent: 0, closes: { hoursBefore: 0 }, quota: { active: 10, perMonth: 10 } });
    const [me] = await addResidents(1, 'standing-seq');
    const slots = [];
    for (let i = 0; i < 5; i++) slots.push(await slotIn(svc, 30 * 60_000 + i * 60_000));
    const bookings = [];
    for (const s of slots) {
      const res = await book(me, s.id);
      expect(res.status).toBe(201);
      bookings.push(res.body.id as string);
    }
    expect((await as('u-vol-liu').post(`/bookings/${bookings[0]}/check-in`, {})).status).toBe(200);
    // A check-in is never a no-show: nothing is counted.
    expect(await getStanding(me)).toBeNull();
    const tick = Date.parse(slots[4].times.graceEndsAt) + 60_000;
    await tickAt(new Date(tick));
    const afterTick = await bothAt(me, tick);
    expect(afterTick.item).toEqual(afterTick.query);
    expect([afterTick.item.recent, afterTick.item.weight, afterTick.item.restrictedUntil !== null]).toEqual([4, 1, true]);
    // The item says when the restriction ends, as a booking's condition reads it.
    expect((await getStanding(me))!.restrictedUntil).toBe(afterTick.query.restrictedUntil);

    for (const id of bookings.slice(1, 3)) expect((await as(GRID).post(`/bookings/${id}/excuse`, { reason: '老人住院' })).status).toBe(200);
    const afterExcuses = await bothAt(me, tick);
    expect(afterExcuses.item).toEqual(afterExcuses.query);
    expect([afterExcuses.item.recent, afterExcuses.item.restrictedUntil]).toEqual([2, null]);
    // Excusing again changes nothing, on either side.
    expect((await as(GRID).post(`/bookings/${bookings[1]}/excuse`, { reason: '老人住院' })).status).toBe(200);
    expect(await bothAt(me, tick)).toEqual(afterExcuses);
  });

  test('no-shows recorded before the standing existed count once the migration has run: a restricted resident’s application draws with weight 1', async () => {
    const [me, clean] = await addResidents(2, 'standing-migrate');
    const now = Date.now();
    for (let i = 1; i <= 3; i++) {
      const at = new Date(now - i * DAY_MS).toISOString();
      await db().send(new PutCommand(noShowPut(me, at, `svc-old.2026010100${i}0.${me}`).Put!));
    }
    // One too old to matter is left out.
    await db().send(new PutCommand(noShowPut(me, new Date(now - 200 * DAY_MS).toISOString(), `svc-old.202501010000.${me}`).Put!));
    expect(await getStanding(me)).toBeNull();
    expect(await migrateNoShowStanding(now)).toBeGreaterThanOrEqual(1);
    const migrated = await bothAt(me, now);
    expect(migrated.item).toEqual(migrated.query);
    expect(migrated.item.restrictedUntil).not.toBeNull();
    expect((await getStanding(me))!.noShows).toHaveLength(3);

    // A ballot takes applications: the application's weight comes from the standing, checked in its transaction.
    const svc = await testService({ allocation: 'ballot', seatsPerSlot: 3, reservedPercent: 0, ballotHours: 48 });
    const slot = await slotIn(svc, 6 * DAY_MS);
    expect(slot.phase).toBe('applying');
    rememberSlot((await getSlot(slot.id))!, Date.now());
    const mine = await book(me, slot.id);
    const theirs = await book(clean, slot.id);
    expect([mine.status, mine.body.status, mine.body.weight]).toEqual([201, 'applied', 1]);
    expect([theirs.status, theirs.body.weight]).toEqual([201, 2]);
  });
});
