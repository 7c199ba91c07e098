import { createHash } from 'node:crypto';
import { bookingsOfSlot } from '../../../functions/data/booking/bookings';
import { getSlot } from '../../../functions/data/booking/slots';
import { DrawView } from '../../../shared/schemas/draws';
import type { Slot } from '../../../shared/schemas/slots';
import { as } from '../../helpers/api';
import { book, codeOf, DAY_MS, HOUR_MS, slotIn, testService } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { tickAt } from '../../helpers/tick';
import { DEMO_SERVICES } from '../../../scripts/demo-booking';

useDemoTable();

/** Issue 16, checked with node:crypto alone: nothing of the product's ballot code is imported here. */
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const WITNESSES = ['u-staff-guo', 'u-res-wang'];
const RULES = {
  allocation: 'ballot' as const,
  seatsPerSlot: 3,
  reservedPercent: 0,
  ballotHours: 48,
  draw: {
    witnesses: WITNESSES,
    publicSource: { name: '中国福利彩票 双色球', which: '监督人揭示截止后的第一期开奖号码' },
    revealHours: 24,
    ifWitnessSilent: 'public_only' as const,
    weights: { normal: 2, restricted: 1 },
  },
};

/** The seed's text as the draw page's howToCheck says (step 3), and the order by the largest key of each ticket. */
function recompute(listHash: string, secrets: { userId: string; secret: string }[], publicValue: string, list: string) {
  const input = [
    'linli-seed-v2',
    `list ${listHash}`,
    ...secrets.map((w) => `witness ${w.userId} ${w.secret}`),
    `public ${publicValue}`,
  ].join('\n');
  const seed = sha(input);
  const tickets = list
    .split('\n')
    .slice(3)
    .map((l) => l.split(' '))
    .map(([ticket, weight]) => {
      let key = '';
      for (let j = 0; j < Number(weight); j++) {
        const h = sha(`${seed}:${ticket}:${j}`);
        if (h > key) key = h;
      }
      return { ticket, key };
    });
  tickets.sort((a, b) => (a.key > b.key ? -1 : a.key < b.key ? 1 : a.ticket < b.ticket ? -1 : 1));
  return { input, seed, order: tickets.map((t) => t.ticket) };
}

async function view(svcId: string, slotId: string, who = 'u-res-li'): Promise<DrawView> {
  const res = await as(who).get(`/services/${svcId}/draws/${slotId}`);
  expect(res.status).toBe(200);
  return DrawView.parse(res.body);
}

const closePlus = (slot: Slot, ms: number) => new Date(Date.parse(slot.times.ballotClosesAt!) + ms);

describe('a ballot whose seed nobody holds alone: witnesses commit and reveal, and a public number after the close', () => {
  test('the list is published at the close with no seed; the order is unknown until the last input; anyone re-runs it with SHA-256', async () => {
    const svc = await testService(RULES);
    const slot = await slotIn(svc, 6 * DAY_MS);
    expect(slot.phase).toBe('applying');
    expect(Date.parse(slot.times.ballotClosesAt!)).toBeGreaterThan(Date.now());
    const residents = await addResidents(8, 'wit');
    const bookings: Record<string, string> = {};
    for (const r of residents) {
      const res = await book(r, slot.id);
      expect(res.body.status).toBe('applied');
      bookings[r] = res.body.id;
    }

    // Cancel and apply again: the same ticket, so nobody can re-roll a ticket until it falls well.
    const before = (await bookingsOfSlot(slot.id)).find((b) => b.residentId === residents[0])!.ticket;
    expect((await as(residents[0]).post(`/bookings/${bookings[residents[0]]}/cancel`, {})).status).toBe(200);
    expect((await book(residents[0], slot.id)).body.status).toBe('applied');
    expect((await bookingsOfSlot(slot.id)).find((b) => b.residentId === residents[0])!.ticket).toBe(before);

    // Each witness commits before the close, once; nobody else does.
    const secrets = { 'u-staff-guo': 'guo-secret-7f3a9c', 'u-res-wang': 'wang-mimi-42x' };
    for (const w of WITNESSES) {
      const res = await as(w).post(`/slots/${slot.id}/draw/commitments`, { commitment: sha(secrets[w as keyof typeof secrets]) });
      expect(res.status).toBe(201);
    }
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/commitments`, { commitment: sha('another') }))).toBe(
      '409 ALREADY_COMMITTED',
    );
    expect(codeOf(await as('u-res-li').post(`/slots/${slot.id}/draw/commitments`, { commitment: sha('x') }))).toBe('403 FORBIDDEN');
    expect(codeOf(await as('u-res-wang').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-res-wang'] }))).toBe(
      '409 LIST_NOT_PUBLISHED',
    );

    // The close: the list and its hash are published, no seed, no order.
    await tickAt(closePlus(slot, 0));
    expect((await getSlot(slot.id))!.phase).toBe('drawing');
    let draw = await view(svc.id, slot.id);
    expect(draw.status).toBe('committed');
    expect(sha(draw.list)).toBe(draw.listHash);
    expect(draw.list.split('\n').slice(3)).toHaveLength(8);
    expect(draw.seed).toBeNull();
    expect(draw.entries).toEqual([]);
    expect(draw.witnesses.map((w) => [w.userId, w.commitment])).toEqual(WITNESSES.map((w) => [w, sha(secrets[w as keyof typeof secrets])]));

    // After the close: no application, no withdrawal, no commitment.
    const [late] = await addResidents(1, 'wit-late');
    expect(codeOf(await book(late, slot.id))).toBe('409 WINDOW_CLOSED');
    const withdrawal = await as(residents[1]).post(`/bookings/${bookings[residents[1]]}/cancel`, {});
    expect(codeOf(withdrawal)).toBe('409 CANCEL_DEADLINE_PASSED');
    const byStaff = await as('u-staff-guo').post(`/bookings/${bookings[residents[1]]}/cancel`, { reason: '代为取消', override: true });
    expect(codeOf(byStaff)).toBe('409 CANCEL_DEADLINE_PASSED');
    expect(codeOf(await as('u-res-wang').post(`/slots/${slot.id}/draw/commitments`, { commitment: sha('late') }))).toBe('409 SLOT_CLOSED');

    // A wrong reveal is refused; the right one is taken once.
    expect(codeOf(await as('u-res-wang').post(`/slots/${slot.id}/draw/reveals`, { secret: 'not-the-secret' }))).toBe(
      '409 COMMITMENT_MISMATCH',
    );
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-staff-guo'] })).status).toBe(201);
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-staff-guo'] }))).toBe(
      '409 ALREADY_REVEALED',
    );
    // A public number published before the close could have been known with the list: refused.
    const early = {
      value: '03 11 17 22 28 31 + 09',
      source: '中国福利彩票官网',
      publishedAt: new Date(Date.now() - HOUR_MS).toISOString(),
    };
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, early))).toBe('409 PUBLIC_NUMBER_TOO_EARLY');
    // Published after the close but before the witnesses' reveal deadline: the last witness could compute the
    // public-only order from it and the list hash, and stay silent when it suits them. Refused too.
    const beforeDeadline = { ...early, publishedAt: closePlus(slot, 23 * HOUR_MS).toISOString() };
    const refused = await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, beforeDeadline);
    expect(codeOf(refused)).toBe('409 PUBLIC_NUMBER_TOO_EARLY');
    expect(refused.body.error.message).toMatch(/reveal deadline/);
    expect((await view(svc.id, slot.id)).publicNumber).toBeNull();
    const publicNumber = { ...early, publishedAt: closePlus(slot, 26 * HOUR_MS).toISOString() };
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber)).status).toBe(201);

    // The list, the public number and all secrets but one: the view has no seed and no order, and no secret either.
    await tickAt(closePlus(slot, 3 * HOUR_MS));
    draw = await view(svc.id, slot.id);
    expect(draw.status).toBe('committed');
    expect(draw.seed).toBeNull();
    expect(draw.entries).toEqual([]);
    expect(draw.witnesses.every((w) => w.secret === null)).toBe(true);
    expect(draw.witnesses.find((w) => w.userId === 'u-staff-guo')!.revealedAt).not.toBeNull();
    expect(draw.publicNumber?.value).toBe(publicNumber.value);

    // The last reveal: every input is in, but the number's publication is still to come; tick draws at its first
    // run from that moment.
    expect((await as('u-res-wang').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-res-wang'] })).status).toBe(201);
    await tickAt(closePlus(slot, 3 * HOUR_MS + 60_000));
    expect((await view(svc.id, slot.id)).status).toBe('committed');
    await tickAt(closePlus(slot, 26 * HOUR_MS + 60_000));
    draw = await view(svc.id, slot.id);
    expect(draw.status).toBe('drawn');
    expect(draw.path).toBe('all');

    // End to end with node:crypto alone, from what is published.
    expect(sha(draw.list)).toBe(draw.listHash);
    for (const w of draw.witnesses) expect(sha(w.secret!)).toBe(w.commitment);
    const published = draw.witnesses.map((w) => ({ userId: w.userId, secret: w.secret! }));
    const mine = recompute(draw.listHash, published, draw.publicNumber!.value, draw.list);
    expect(mine.input).toBe(draw.seedInput);
    expect(mine.seed).toBe(draw.seed);
    expect(draw.entries.map((e) => e.ticket)).toEqual(mine.order);
    expect(draw.entries.map((e) => e.outcome)).toEqual([...Array(3).fill('won'), ...Array(5).fill('waiting')]);
    expect(draw.howToCheck.join('')).toMatch(/linli-seed-v2/);
    expect(draw.weightClasses.map((c) => c.weight)).toEqual([2, 1]);

    // Changing any single input changes the order.
    const changed = [
      recompute(sha(`${draw.list}\nZZZZZZZZ 2`), published, draw.publicNumber!.value, draw.list),
      recompute(draw.listHash, [published[0], { ...published[1], secret: `${published[1].secret}1` }], draw.publicNumber!.value, draw.list),
      recompute(draw.listHash, [{ ...published[0], secret: `${published[0].secret}1` }, published[1]], draw.publicNumber!.value, draw.list),
      recompute(draw.listHash, published, '03 11 17 22 28 31 + 10', draw.list),
    ];
    for (const c of changed) expect(c.order).not.toEqual(mine.order);

    const byRank = (await bookingsOfSlot(slot.id)).sort((a, b) => (a.drawRank ?? 99) - (b.drawRank ?? 99));
    expect(byRank.map((b) => b.status)).toEqual([...Array(3).fill('booked'), ...Array(5).fill('waiting')]);
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber))).toBe('409 ALREADY_ENTERED');
  });

  test('a witness who never reveals is recorded and the rules path is taken: after the deadline, the public number alone', async () => {
    const svc = await testService(RULES);
    const slot = await slotIn(svc, 6 * DAY_MS);
    const residents = await addResidents(4, 'wit-silent');
    for (const r of residents) expect((await book(r, slot.id)).body.status).toBe('applied');
    for (const w of WITNESSES)
      expect((await as(w).post(`/slots/${slot.id}/draw/commitments`, { commitment: sha(`${w}-secret`) })).status).toBe(201);
    await tickAt(closePlus(slot, 0));
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/reveals`, { secret: 'u-staff-guo-secret' })).status).toBe(201);
    const publicNumber = {
      value: '05 09 14 20 26 33 + 02',
      source: '中国福利彩票官网',
      publishedAt: closePlus(slot, 25 * HOUR_MS).toISOString(),
    };
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber)).status).toBe(201);

    // Halfway to the deadline, the silent witness is reminded (once); the draw still waits.
    await tickAt(closePlus(slot, 12 * HOUR_MS));
    await tickAt(closePlus(slot, 13 * HOUR_MS));
    const inbox = await as('u-res-wang').get('/notifications');
    expect(
      inbox.body.items.filter(
        (n: { kind: string; title: string; link: string }) =>
          n.kind === 'draw_witness' &&
          /提醒/.test(n.title) &&
          n.link === `/booking/pages/draw/index?service=${encodeURIComponent(svc.id)}&slot=${encodeURIComponent(slot.id)}`,
      ),
    ).toHaveLength(1);
    expect((await view(svc.id, slot.id)).status).toBe('committed');

    // Past the deadline but before the number was published: still waiting.
    await tickAt(closePlus(slot, 24 * HOUR_MS + 60_000));
    expect((await view(svc.id, slot.id)).status).toBe('committed');
    await tickAt(closePlus(slot, 26 * HOUR_MS));
    const draw = await view(svc.id, slot.id);
    expect(draw.status).toBe('drawn');
    expect(draw.path).toBe('public_only');
    expect(draw.witnesses.map((w) => [w.userId, w.silent])).toEqual([
      ['u-staff-guo', false],
      ['u-res-wang', true],
    ]);
    // The seed from the list hash and the public number alone.
    const input = ['linli-seed-v2', `list ${draw.listHash}`, `public ${publicNumber.value}`].join('\n');
    expect(draw.seedInput).toBe(input);
    expect(sha(input)).toBe(draw.seed);
    // A reveal after the deadline changes nothing.
    expect(codeOf(await as('u-res-wang').post(`/slots/${slot.id}/draw/reveals`, { secret: 'u-res-wang-secret' }))).toBe('409 SLOT_CLOSED');
  });

  test('a new ballot names who makes its seed, and its witnesses are of the community', async () => {
    const { draw, ...rules } = DEMO_SERVICES.find((x) => x.id === 'svc-repair-day')!.rules;
    const body = (r: object) => ({ name: '测试抽签', place: '社区广场', rules: { ...rules, ...r }, schedule: [] });
    const create = (r: object) => as('u-staff-guo').post('/services', body(r));
    expect(codeOf(await create({}))).toBe('400 VALIDATION_FAILED');
    expect(codeOf(await create({ draw: { ...draw!, witnesses: ['u-staff-guo'] } }))).toBe('400 VALIDATION_FAILED');
    expect(codeOf(await create({ draw: { ...draw!, witnesses: ['u-staff-guo', 'u-res-ptn'] } }))).toBe('400 VALIDATION_FAILED');
    const made = await create({ draw });
    expect(made.status).toBe(201);
    expect(made.body.rules.draw.witnesses).toEqual(['u-staff-guo', 'u-res-wang']);
    // A first-come service made a ballot must name them too.
    const plain = await as('u-staff-guo').post('/services', body({ allocation: 'first_come' }));
    expect(plain.status).toBe(201);
    expect(codeOf(await as('u-staff-guo').patch(`/services/${plain.body.id}`, { rules: { allocation: 'ballot' } }))).toBe(
      '400 VALIDATION_FAILED',
    );
  });
});
