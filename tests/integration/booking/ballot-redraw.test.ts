import { DrawView } from '../../../shared/schemas/draws';
import { DEMO_SERVICES } from '../../../scripts/demo-booking';
import { as } from '../../helpers/api';
import { closePlus, sha, WITNESSED_RULES, WITNESSES, witnessedBallot } from '../../helpers/ballot';
import { codeOf, HOUR_MS } from '../../helpers/booking';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { tickAt } from '../../helpers/tick';

useDemoTable();

/** Checked with node:crypto alone (helpers/ballot.ts): nothing of the product's ballot code is imported here. */
async function view(svcId: string, slotId: string): Promise<DrawView> {
  const res = await as('u-res-li').get(`/services/${svcId}/draws/${slotId}`);
  expect(res.status).toBe(200);
  return DrawView.parse(res.body);
}

const REDRAW = {
  ...WITNESSED_RULES.draw,
  ifWitnessSilent: 'redraw_at' as const,
  redraw: { hoursAfterReveal: 48, source: { name: '中国福利彩票 双色球', which: '重抽时间之后的第一期开奖号码' } },
};

/** Each ticket's key is the largest SHA-256 of `seed:ticket:j` below its weight; ranks from the largest key. */
const orderOf = (seed: string, list: string) =>
  list
    .split('\n')
    .slice(3)
    .map((l) => l.split(' '))
    .map(([t, w]) => ({
      t,
      k: Array.from({ length: Number(w) }, (_, j) => sha(`${seed}:${t}:${j}`))
        .sort()
        .at(-1)!,
    }))
    .sort((x, y) => (x.k > y.k ? -1 : x.k < y.k ? 1 : x.t < y.t ? -1 : 1))
    .map((x) => x.t);

describe('the rules’ re-draw at a named time when a witness stays silent (redraw_at)', () => {
  test('past the deadline the draw waits for the named moment and a number published after it, then draws from the secrets revealed, the public number and that number', async () => {
    const residents = await addResidents(5, 'redraw');
    const { service, slot, secrets, publicNumber } = await witnessedBallot(residents, 'published', WITNESSES, { draw: REDRAW });
    let draw = await view(service.id, slot.id);
    const revealBy = closePlus(slot, 24 * HOUR_MS);
    const redrawAt = closePlus(slot, 72 * HOUR_MS);
    expect(draw.ifWitnessSilent).toBe('redraw_at');
    expect(draw.redrawAt).toBe(redrawAt.toISOString());
    expect(draw.redrawSource?.which).toBe('重抽时间之后的第一期开奖号码');

    // 郭 reveals; 王 stays silent. The public number is in.
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-staff-guo'] })).status).toBe(201);
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber)).status).toBe(201);

    // Past the deadline: not drawn, not on the public number alone either; the draw waits for the named moment.
    await tickAt(new Date(revealBy.getTime() + 60_000));
    draw = await view(service.id, slot.id);
    expect(draw.status).toBe('committed');
    expect(draw.seed).toBeNull();
    // The re-draw's number must be published after the named moment: nobody knew it at the deadline.
    const early = {
      value: '08 12 19 23 27 30 + 11',
      source: '中国福利彩票官网',
      publishedAt: new Date(redrawAt.getTime() - HOUR_MS).toISOString(),
    };
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, early))).toBe('409 PUBLIC_NUMBER_TOO_EARLY');
    const redrawNumber = { ...early, publishedAt: new Date(redrawAt.getTime() + HOUR_MS).toISOString() };
    expect((await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, redrawNumber)).status).toBe(201);
    expect(codeOf(await as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, redrawNumber))).toBe('409 ALREADY_ENTERED');
    await tickAt(new Date(redrawAt.getTime() - 60_000));
    expect((await view(service.id, slot.id)).status).toBe('committed');

    // At the named moment tick draws, on the re-draw path.
    await tickAt(new Date(redrawAt.getTime() + 2 * HOUR_MS));
    draw = await view(service.id, slot.id);
    expect(draw.status).toBe('drawn');
    expect(draw.path).toBe('redraw');
    expect(draw.witnesses.map((w) => [w.userId, w.silent])).toEqual([
      ['u-staff-guo', false],
      ['u-res-wang', true],
    ]);
    expect(draw.redrawNumber?.value).toBe(redrawNumber.value);
    // A reveal after it changes nothing.
    expect(codeOf(await as('u-res-wang').post(`/slots/${slot.id}/draw/reveals`, { secret: secrets['u-res-wang'] }))).toBe(
      '409 SLOT_CLOSED',
    );
    const input = [
      'linli-seed-v2',
      `list ${draw.listHash}`,
      `witness u-staff-guo ${secrets['u-staff-guo']}`,
      `public ${publicNumber.value}`,
      `redraw ${redrawNumber.value}`,
    ].join('\n');
    expect(draw.seedInput).toBe(input);
    expect(sha(input)).toBe(draw.seed);
    expect(sha(draw.list)).toBe(draw.listHash);
    expect(draw.entries.map((e) => e.ticket)).toEqual(orderOf(draw.seed!, draw.list));
    // Not the seed the public number alone would have given, which 王 (holding back) could have worked out.
    expect(draw.seed).not.toBe(sha(['linli-seed-v2', `list ${draw.listHash}`, `public ${publicNumber.value}`].join('\n')));
  });

  test('a ballot names its re-draw moment and number exactly when its rules say redraw_at', async () => {
    const { draw, ...rules } = DEMO_SERVICES.find((x) => x.id === 'svc-repair-day')!.rules;
    const create = (d: object) =>
      as('u-staff-guo').post('/services', {
        name: '测试重抽',
        place: '社区广场',
        rules: { ...rules, draw: { ...draw!, ...d } },
        schedule: [],
      });
    expect(codeOf(await create({ ifWitnessSilent: 'redraw_at' }))).toBe('400 VALIDATION_FAILED');
    expect(codeOf(await create({ redraw: REDRAW.redraw }))).toBe('400 VALIDATION_FAILED');
    const made = await create({ ifWitnessSilent: 'redraw_at', redraw: REDRAW.redraw });
    expect(made.status).toBe(201);
    expect(made.body.rules.draw.redraw.hoursAfterReveal).toBe(48);
  });
});
