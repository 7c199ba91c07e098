import { randomUUID } from 'node:crypto';
import { putTeam, getTeam } from '../../functions/data/teams';
import { putUser } from '../../functions/data/users';
import type { User } from '../../shared/schemas/users';
import { CATEGORIES, PLACES, USERS } from '../demo-data';
import { Metrics } from './metrics';

export interface EveningOptions {
  baseUrl: string;
  residents: number;
  volunteers: number;
  durationSeconds: number;
  /** Wishes each resident posts during the evening (the default limit allows 5 an hour). */
  wishesPerResident: number;
  /** Share of residents a grid worker verifies before the evening (the others' wishes go to triage). */
  verifiedShare: number;
}

/** What the evening did, as the clients saw it: the table is checked against this afterwards. */
export interface EveningLog {
  /** Signing in, onboarding and verifying before the evening. */
  setup: Metrics;
  /** The evening itself. */
  metrics: Metrics;
  residents: string[];
  /** Every wish a resident was told exists (201, or 200 for a retried key). */
  acknowledged: { residentId: string; key: string; wishId: string }[];
  /** Every claim a volunteer was told they won. */
  claimsWon: { wishId: string; volunteerId: string }[];
}

const BUILDINGS = PLACES.filter((p) => p.kind === 'building' && p.communityId === 'c-gucheng');
const TEAMS = ['t-gc-nengren', 't-gc-lexiujiang', 't-gc-hongmao'];
const SKILLS: Record<string, string[]> = {
  't-gc-nengren': ['electrician', 'plumbing', 'locksmith'],
  't-gc-lexiujiang': ['appliance_repair', 'electrician'],
  't-gc-hongmao': ['visiting'],
};
const ROUTE_BY_HAND: Record<string, string> = {
  'cat-other': 't-gc-hongmao',
  'cat-visit': 't-gc-hongmao',
  'cat-electric': 't-gc-nengren',
  'cat-plumbing': 't-gc-nengren',
  'cat-lock': 't-gc-nengren',
  'cat-appliance': 't-gc-lexiujiang',
};
const POSTED = CATEGORIES.filter((c) =>
  ['cat-electric', 'cat-appliance', 'cat-plumbing', 'cat-lock', 'cat-visit', 'cat-other'].includes(c.id),
);
const STAFF = ['u-grid-sun', 'u-grid-zhou', 'u-staff-guo'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const between = (min: number, max: number) => min + Math.random() * (max - min);

export async function runEvening(opts: EveningOptions, log: (line: string) => void): Promise<EveningLog> {
  const setup = new Metrics();
  const evening = new Metrics();
  let metrics = setup;
  const http = async (
    label: string,
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const started = performance.now();
    let status = 0;
    let body: any = null;
    try {
      const res = await fetch(`${opts.baseUrl}${path}`, {
        method,
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      body = await res.json().catch(() => null);
      // serverless-offline answers a Lambda timeout as a 200 with an errorMessage: count it as what it is.
      if (status < 300 && body && typeof body === 'object' && 'errorMessage' in body) status = 599;
    } catch {
      status = 0;
    }
    metrics.record(label, status, performance.now() - started);
    return { status, body };
  };

  // Before the evening: volunteers join the teams, residents sign in with WeChat and say where they live.
  log(`setting up ${opts.volunteers} volunteers and ${opts.residents} residents…`);
  setup.start();
  const volunteers = Array.from({ length: opts.volunteers }, (_, i) => `load-vol-${i}`);
  const template = USERS.find((u) => u.id === 'u-vol-zhang')!;
  const byTeam = new Map(TEAMS.map((t) => [t, [] as string[]]));
  await Promise.all(
    volunteers.map((id, i) => {
      const team = TEAMS[i % TEAMS.length];
      byTeam.get(team)!.push(id);
      const user: User = { ...template, id, name: `志愿者${i}`, home: null, teamIds: [team], skills: SKILLS[team] };
      return putUser(user);
    }),
  );
  for (const [teamId, ids] of byTeam) {
    const team = (await getTeam(teamId))!;
    await putTeam({
      ...team,
      members: [
        ...team.members,
        ...ids.map((userId) => ({
          userId,
          name: userId,
          role: 'member' as const,
          skills: SKILLS[teamId],
          hours: { workday: [{ from: '00:00', to: '23:59' }], restday: [{ from: '00:00', to: '23:59' }] },
          paused: false,
        })),
      ],
    });
  }
  const tokens = new Map<string, string>();
  for (const id of [...volunteers, ...STAFF])
    tokens.set(id, (await http('POST /auth/dev-login', 'POST', '/auth/dev-login', { body: { userId: id } })).body.token);

  const residents: string[] = [];
  const residentGrid = new Map<string, string>();
  const signUp = async (i: number) => {
    const session = await http('POST /auth/wechat', 'POST', '/auth/wechat', {
      body: { code: `load-resident-${i}-${randomUUID().slice(0, 6)}` },
    });
    if (session.status !== 200) return;
    const building = BUILDINGS[i % BUILDINGS.length];
    const me = await http('PATCH /me', 'PATCH', '/me', {
      token: session.body.token,
      body: {
        name: `居民${i}`,
        home: { buildingId: building.id, flat: `${(i % 6) + 1}单元${100 + i}` },
        phone: `139${String(10_000_000 + i).slice(-8)}`,
      },
    });
    if (me.status !== 200) return;
    residents.push(me.body.id);
    residentGrid.set(me.body.id, building.gridId!);
    tokens.set(me.body.id, session.body.token);
  };
  for (let i = 0; i < opts.residents; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, opts.residents - i) }, (_, j) => signUp(i + j)));
  const gridWorkerOf = (grid: string) => (['g-gucheng-1', 'g-gucheng-2'].includes(grid) ? 'u-grid-sun' : 'u-grid-zhou');
  const toVerify = residents.slice(0, Math.round(residents.length * opts.verifiedShare));
  for (let i = 0; i < toVerify.length; i += 10) {
    await Promise.all(
      toVerify.slice(i, i + 10).map((id, j) => {
        // Staff share the work, so no one passes the per-minute write limit.
        const by = (i + j) % 3 === 2 ? 'u-staff-guo' : gridWorkerOf(residentGrid.get(id)!);
        return http('POST /residents/{id}/verify', 'POST', `/residents/${id}/verify`, { token: tokens.get(by), body: {} });
      }),
    );
  }

  // The evening.
  const acknowledged: EveningLog['acknowledged'] = [];
  const claimsWon: EveningLog['claimsWon'] = [];
  const end = Date.now() + opts.durationSeconds * 1000;
  log(
    `the evening: ${opts.durationSeconds} s, ${residents.length} residents posting, ${volunteers.length} volunteers claiming, ${STAFF.length} staff triaging…`,
  );
  setup.stop();
  metrics = evening;
  evening.start();

  const resident = async (id: string) => {
    for (let n = 0; n < opts.wishesPerResident && Date.now() < end; n++) {
      await sleep(between(0, (opts.durationSeconds * 1000) / opts.wishesPerResident));
      if (Date.now() >= end) return;
      const category = pick(POSTED);
      const body = {
        description: `${category.name}:居民${id.slice(0, 4)}的第${n + 1}个心愿`,
        category: category.id,
        buildingId: BUILDINGS[residents.indexOf(id) % BUILDINGS.length].id,
        urgency: Math.random() < 0.15 ? 'urgent' : 'normal',
      };
      const key = `load-${id.slice(0, 8)}-${n}-${randomUUID().slice(0, 8)}`;
      // One in five phones sends the post twice (a retry on a flaky network), with the same key.
      const sends = Math.random() < 0.2 ? 2 : 1;
      const answers = await Promise.all(
        Array.from({ length: sends }, () =>
          http('POST /wishes', 'POST', '/wishes', { token: tokens.get(id), body, headers: { 'Idempotency-Key': key } }),
        ),
      );
      for (const a of answers) if (a.status === 201 || a.status === 200) acknowledged.push({ residentId: id, key, wishId: a.body.wish.id });
    }
  };

  const volunteer = async (id: string) => {
    while (Date.now() < end) {
      const inbox = await http('GET /tasks', 'GET', '/tasks?view=open', { token: tokens.get(id) });
      const open: { id: string }[] = inbox.status === 200 ? inbox.body.items : [];
      if (open.length) {
        const wishId = pick(open.slice(0, 5)).id;
        // One in ten taps 认领 twice.
        const taps = Math.random() < 0.1 ? 2 : 1;
        const answers = await Promise.all(
          Array.from({ length: taps }, () => http('POST /wishes/{id}/claim', 'POST', `/wishes/${wishId}/claim`, { token: tokens.get(id) })),
        );
        if (answers.some((a) => a.status === 200)) {
          claimsWon.push({ wishId, volunteerId: id });
          await sleep(between(300, 1500));
          await http('POST /wishes/{id}/start', 'POST', `/wishes/${wishId}/start`, { token: tokens.get(id) });
          await sleep(between(300, 1500));
          await http('POST /wishes/{id}/complete', 'POST', `/wishes/${wishId}/complete`, {
            token: tokens.get(id),
            body: { note: '已处理' },
          });
        }
      }
      await sleep(between(1500, 3000));
    }
  };

  const staff = async (id: string) => {
    while (Date.now() < end) {
      let cursor: string | null = null;
      do {
        const page: { status: number; body: any } = await http(
          'GET /triage',
          'GET',
          `/triage${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
          { token: tokens.get(id) },
        );
        if (page.status !== 200) break;
        const first = page.body.items[0] as { id: string; category: string } | undefined;
        if (first && Math.random() < 0.5) {
          await http('POST /wishes/{id}/route', 'POST', `/wishes/${first.id}/route`, {
            token: tokens.get(id),
            body: { teamId: ROUTE_BY_HAND[first.category] ?? 't-gc-hongmao' },
          });
        }
        cursor = page.body.cursor;
      } while (cursor && Date.now() < end);
      await sleep(between(2000, 4000));
    }
  };

  await Promise.all([...residents.map(resident), ...volunteers.map(volunteer), ...STAFF.map(staff)]);
  evening.stop();
  return { setup, metrics: evening, residents, acknowledged, claimsWon };
}
