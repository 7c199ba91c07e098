import { bookingsOfSlot } from '../../../functions/data/booking/bookings';
import { getSlot } from '../../../functions/data/booking/slots';
import { parseList, runDraw, verifyDraw } from '../../../shared/domain/booking/ballot';
import { sha256Hex } from '../../../shared/domain/sha256';
import { DrawView } from '../../../shared/schemas/draws';
import { as } from '../../helpers/api';
import { book, codeOf, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { tickAt } from '../../helpers/tick';

useDemoTable();

describe('a verifiable ballot for an oversubscribed service', () => {
  test('applications from every channel count the same, once each; the draw can be re-run by anyone; winners are booked, the rest wait in drawn order', async () => {
    const svc = await testService({ allocation: 'ballot', seatsPerSlot: 3, reservedPercent: 0, ballotHours: 48 });
    const slot = await slotIn(svc, 6 * DAY_MS);
    expect(slot.phase).toBe('applying');
    const residents = await addResidents(7, 'ballot');
    for (const r of residents) expect((await book(r, slot.id)).body.status).toBe('applied');
    // 王秀英's grid worker applies for her; her own tap afterwards is the same application, not a second ticket.
    expect((await book('u-grid-sun', slot.id, { forResidentId: 'u-res-wang', consent: true })).body.status).toBe('applied');
    expect(codeOf(await book('u-res-wang', slot.id))).toBe('409 ALREADY_BOOKED');
    expect((await getSlot(slot.id))!.booked).toBe(0);

    await tickAt(slot.times.ballotClosesAt!);
    const res = await as('u-res-wang').get(`/services/${svc.id}/draws/${slot.id}`);
    expect(res.status).toBe(200);
    const draw = DrawView.parse(res.body);
    expect(draw.myTickets).toHaveLength(1);
    expect(draw.entries.map((e) => e.name).join('')).not.toMatch(/王秀英/);

    // Anyone can check it: the hash is the list's, the seed follows from it, the ranks from the seed.
    expect(verifyDraw(draw)).toEqual([]);
    expect(sha256Hex(draw.list)).toBe(draw.listHash);
    const parsed = parseList(draw.list)!;
    const rerun = runDraw(
      draw.slotId,
      draw.closedAt,
      draw.seats,
      parsed.entries.map((e) => ({ ...e, name: '', residentId: '' })),
    );
    expect(rerun.entries.map((e) => [e.rank, e.ticket, e.outcome])).toEqual(draw.entries.map((e) => [e.rank, e.ticket, e.outcome]));
    expect(new Set(draw.entries.map((e) => e.ticket)).size).toBe(8);
    expect(draw.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // A list changed after the freeze changes the hash, so the published seed no longer follows from it.
    const tampered = `${draw.list}\nZZZZZZZZ 2`;
    expect(sha256Hex(tampered)).not.toBe(draw.listHash);
    expect(verifyDraw({ ...draw, list: tampered })).toContain('the list hash does not match the list');

    const bookings = await bookingsOfSlot(slot.id);
    const byRank = [...bookings].sort((a, b) => (a.drawRank ?? 99) - (b.drawRank ?? 99));
    expect(byRank.map((b) => b.status)).toEqual(['booked', 'booked', 'booked', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect((await getSlot(slot.id))!.booked).toBe(3);
    await tickAt(slot.times.ballotClosesAt!);
    expect((await bookingsOfSlot(slot.id)).filter((b) => b.status === 'booked')).toHaveLength(3);
  });
});
