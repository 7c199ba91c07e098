import { checkSteps } from '../../../shared/domain/booking/ballot';
import { DrawView } from '../../../shared/schemas/draws';
import { as } from '../../helpers/api';
import { closePlus, sha, WITNESSES, witnessedBallot } from '../../helpers/ballot';
import { HOUR_MS } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { tickAt } from '../../helpers/tick';

useDemoTable();

async function view(svcId: string, slotId: string, who = 'u-res-li'): Promise<DrawView> {
  const res = await as(who).get(`/services/${svcId}/draws/${slotId}`);
  expect(res.status).toBe(200);
  return DrawView.parse(res.body);
}

/**
 * The draw page's API (issue 16): before the close it says who the witnesses are and only whether each has
 * committed; from the close it publishes the list with tickets, weights and masked names, and each witness as a
 * role and a masked name; the weights come from the service's rules.
 */
describe('the draw page of a witnessed ballot', () => {
  test('before the close: the witnesses by role and masked name, and only whether (when) each committed', async () => {
    const residents = await addResidents(3, 'dp-open');
    const { service, slot, secrets } = await witnessedBallot(['u-res-li', ...residents], 'open', ['u-res-wang']);
    const draw = await view(service.id, slot.id);
    expect(draw.status).toBe('open');
    expect(draw.list).toBe('');
    expect(draw.applicants).toEqual([]);
    expect(draw.seed).toBeNull();
    expect(draw.myTickets).toHaveLength(1);
    expect(draw.witnesses.map((w) => [w.userId, w.role, w.name])).toEqual([
      ['u-staff-guo', 'staff', '郭**'],
      ['u-res-wang', 'resident', '王**'],
    ]);
    const [guo, wang] = draw.witnesses;
    expect(guo.committedAt).toBeNull();
    expect(wang.committedAt).not.toBeNull();
    // Nothing usable before the close: not the commitment, not the secret.
    expect(JSON.stringify(draw)).not.toContain(sha(secrets['u-res-wang']));
    expect(JSON.stringify(draw)).not.toContain(secrets['u-res-wang']);
    expect(draw.ifWitnessSilent).toBe('public_only');
    expect(Date.parse(draw.revealBy!) - Date.parse(draw.closedAt)).toBe(24 * HOUR_MS);
    expect(draw.publicSource?.name).toBe('中国福利彩票 双色球');
    // Someone outside the community: as for a draw that does not exist.
    expect((await as('u-res-ptn').get(`/services/${service.id}/draws/${slot.id}`)).status).toBe(404);
  });

  test('from the close: the list with tickets, weights from the rules and masked names; the in-app check passes step by step', async () => {
    const residents = await addResidents(4, 'dp-drawn');
    const weights = { normal: 1, restricted: 1 };
    const { service, slot, secrets } = await witnessedBallot(residents, 'published', WITNESSES, {
      draw: {
        witnesses: WITNESSES,
        publicSource: { name: '中国体育彩票 大乐透', which: '监督人揭示截止后的第一期开奖号码' },
        revealHours: 24,
        ifWitnessSilent: 'public_only',
        weights,
      },
    });
    let draw = await view(service.id, slot.id);
    expect(draw.status).toBe('committed');
    expect(draw.applicants.map((a) => a.weight)).toEqual([1, 1, 1, 1]);
    expect(draw.list.split('\n').slice(3)).toEqual(draw.applicants.map((a) => `${a.ticket} 1`));
    expect(draw.applicants.every((a) => /^.\*\*$/.test(a.name))).toBe(true);
    expect(draw.weightClasses.map((c) => c.weight)).toEqual([1, 1]);
    expect(draw.weightClasses[1].reason).toMatch(/未到场/);
    expect(draw.witnesses.map((w) => w.commitment)).toEqual(WITNESSES.map((w) => sha(secrets[w])));
    // The published part checks already; nothing past it.
    expect(checkSteps(draw).map((s) => [s.step, s.ok])).toEqual([
      ['名单哈希', true],
      ['监督人郭**的承诺', true],
      ['监督人王**的承诺', true],
    ]);

    for (const w of WITNESSES) expect((await as(w).post(`/slots/${slot.id}/draw/reveals`, { secret: secrets[w] })).status).toBe(201);
    const publicNumber = {
      value: '01 02 03 04 05 + 06 07',
      source: '中国体育彩票官网',
      publishedAt: closePlus(slot, 25 * HOUR_MS).toISOString(),
    };
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber)).status).toBe(201);
    await tickAt(closePlus(slot, 26 * HOUR_MS));
    draw = await view(service.id, slot.id);
    expect(draw.status).toBe('drawn');
    const steps = checkSteps(draw);
    expect(steps.map((s) => s.step)).toEqual(['名单哈希', '监督人郭**的承诺', '监督人王**的承诺', '随机种子', '抽签名次', '中签和候补']);
    expect(steps.every((s) => s.ok)).toBe(true);

    // Each figure changed on its own fails its own step.
    const failing = (d: DrawView) =>
      checkSteps(d)
        .filter((s) => !s.ok)
        .map((s) => s.step);
    expect(failing({ ...draw, list: `${draw.list} ` })).toContain('名单哈希');
    expect(failing({ ...draw, witnesses: [draw.witnesses[0], { ...draw.witnesses[1], secret: 'not-the-secret' }] })).toEqual([
      '监督人王**的承诺',
      '随机种子',
    ]);
    expect(failing({ ...draw, publicNumber: { ...draw.publicNumber!, value: '01 02 03 04 05 + 06 08' } })).toEqual(['随机种子']);
    const [a, b, ...rest] = draw.entries;
    expect(failing({ ...draw, entries: [{ ...b, rank: 1 }, { ...a, rank: 2 }, ...rest] })).toContain('抽签名次');
  });

  test('tick reminds only the witnesses who have not revealed, once, and the reminder opens the draw page', async () => {
    const residents = await addResidents(2, 'dp-remind');
    const { service, slot, secrets } = await witnessedBallot(residents, 'published');
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-staff-guo'] })).status).toBe(201);
    const link = `/booking/pages/draw/index?service=${encodeURIComponent(service.id)}&slot=${encodeURIComponent(slot.id)}`;
    const reminders = async (who: string) =>
      ((await as(who).get('/notifications')).body.items as { kind: string; title: string; link: string }[]).filter(
        (n) => n.kind === 'draw_witness' && /提醒/.test(n.title) && n.link === link,
      );
    await tickAt(closePlus(slot, 11 * HOUR_MS));
    expect(await reminders('u-res-wang')).toHaveLength(0);
    await tickAt(closePlus(slot, 12 * HOUR_MS));
    await tickAt(closePlus(slot, 14 * HOUR_MS));
    const got = await reminders('u-res-wang');
    expect(got).toHaveLength(1);
    expect(await reminders('u-staff-guo')).toHaveLength(0);
  });

  test('with the list, the public number and all secrets but one, the order is not determined', async () => {
    const residents = await addResidents(6, 'dp-unknown');
    const { service, slot } = await witnessedBallot(residents, 'drawn');
    const draw = await view(service.id, slot.id);
    expect(draw.status).toBe('drawn');
    const tickets = draw.list
      .split('\n')
      .slice(3)
      .map((l) => l.split(' '));
    const orderOf = (seed: string) =>
      tickets
        .map(([t, w]) => ({
          t,
          k: Array.from({ length: Number(w) }, (_, j) => sha(`${seed}:${t}:${j}`))
            .sort()
            .at(-1)!,
        }))
        .sort((x, y) => (x.k > y.k ? -1 : 1))
        .map((x) => x.t)
        .join(' ');
    const [known, missing] = draw.witnesses;
    // Whoever holds everything but 王**'s secret: each guess of it gives another seed, and the winners vary with it.
    const guesses = Array.from({ length: 40 }, (_, i) => `guess-${i}-${missing.userId}`);
    const seeds = guesses.map((g) =>
      sha(
        [
          'linli-seed-v2',
          `list ${draw.listHash}`,
          `witness ${known.userId} ${known.secret}`,
          `witness ${missing.userId} ${g}`,
          `public ${draw.publicNumber!.value}`,
        ].join('\n'),
      ),
    );
    expect(seeds).not.toContain(draw.seed);
    const winners = new Set(seeds.map((s) => orderOf(s).split(' ').slice(0, draw.seats).sort().join(' ')));
    expect(winners.size).toBeGreaterThan(5);
    expect(orderOf(draw.seed!)).toBe(draw.entries.map((e) => e.ticket).join(' '));
  });
});
