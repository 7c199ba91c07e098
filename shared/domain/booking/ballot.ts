import type { Draw, DrawEntry } from '../../schemas/draws';
import type { DrawRules } from '../../schemas/services';
import { HOUR_MS, iso } from '../beijing-time';
import { sha256Hex } from '../sha256';

/**
 * A verifiable ballot, after RFC 3797 (publicly verifiable nominations committee selection):
 * 1. at the close the applicant list is frozen and published as plain text (`canonicalList`), one line
 *    per ticket in byte order with its weight, under a header naming the slot and the close time;
 * 2. its SHA-256 is the list hash; the seed is SHA-256 of the hash, the slot and the close time, so it
 *    could not be known before the list was fixed, and any change to the list changes it;
 * 3. each ticket's key is the largest of SHA-256(`seed:ticket:j`) for j = 0 … weight − 1 (the largest of
 *    w uniform draws: a weighted shuffle, Efraimidis–Spirakis, in integers only); ranks follow the keys,
 *    largest first. The first `seats` win; the rest wait in that order.
 * Arrival time plays no part, and every channel (the app, a grid worker, the desk) counts the same.
 */
export const LIST_HEADER = 'linli-draw-v1';

export interface Applicant {
  ticket: string;
  weight: number;
  /** Masked for publication: 王**. */
  name: string;
  residentId: string;
}

const byTicket = (a: { ticket: string }, b: { ticket: string }) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0);

export function canonicalList(slotId: string, closedAt: string, entries: readonly { ticket: string; weight: number }[]): string {
  const lines = [...entries].sort(byTicket).map((e) => `${e.ticket} ${e.weight}`);
  return [LIST_HEADER, `slot ${slotId}`, `closes ${closedAt}`, ...lines].join('\n');
}

export const drawSeed = (listHash: string, slotId: string, closedAt: string): string => sha256Hex(`${listHash}\n${slotId}\n${closedAt}`);

export function ticketKey(seed: string, ticket: string, weight: number): string {
  let best = '';
  for (let j = 0; j < weight; j++) {
    const h = sha256Hex(`${seed}:${ticket}:${j}`);
    if (h > best) best = h;
  }
  return best;
}

/** Tickets in drawn order: the largest key first; equal keys (never seen in practice) by ticket. */
export function drawOrder<T extends { ticket: string; weight: number }>(seed: string, entries: readonly T[]): T[] {
  const keyed = entries.map((e) => ({ e, key: ticketKey(seed, e.ticket, e.weight) }));
  keyed.sort((a, b) => (a.key > b.key ? -1 : a.key < b.key ? 1 : byTicket(a.e, b.e)));
  return keyed.map((k) => k.e);
}

/**
 * The seed of a witnessed draw (issue 16): SHA-256 of this text, one line each, in this order:
 * `linli-seed-v2`, `list <list hash>`, then on the `all` path `witness <user id> <secret>` for each witness in
 * the order the rules name them, then `public <value>` if the rules name a public number. On the `public_only`
 * path (a witness was silent) there are no witness lines. On the `redraw` path (a witness was silent, the rules
 * name a re-draw) the witness lines are those who revealed, and a last line `redraw <value>` is the re-draw's number.
 */
export const SEED_HEADER = 'linli-seed-v2';

export function seedInputOf(
  listHash: string,
  witnesses: readonly { userId: string; secret: string }[],
  publicValue: string | null,
  redrawValue: string | null = null,
): string {
  return [
    SEED_HEADER,
    `list ${listHash}`,
    ...witnesses.map((w) => `witness ${w.userId} ${w.secret}`),
    ...(publicValue === null ? [] : [`public ${publicValue}`]),
    ...(redrawValue === null ? [] : [`redraw ${redrawValue}`]),
  ].join('\n');
}

/** The witnesses whose secrets a path puts in the seed: all of them, none, or (a re-draw) those who revealed. */
export function seedWitnesses(
  path: Draw['path'],
  witnesses: readonly { userId: string; secret: string | null }[],
): { userId: string; secret: string }[] {
  if (path === 'all') return witnesses.map((w) => ({ userId: w.userId, secret: w.secret ?? '' }));
  if (path === 'redraw') return witnesses.filter((w) => w.secret !== null).map((w) => ({ userId: w.userId, secret: w.secret! }));
  return [];
}

/** Ranks the frozen applicants with a seed made elsewhere (a witnessed draw). */
export function rankWith(
  seed: string,
  seats: number,
  applicants: readonly { ticket: string; weight: number; name: string }[],
): DrawEntry[] {
  return drawOrder(seed, applicants).map(
    (a, i): DrawEntry => ({ rank: i + 1, ticket: a.ticket, weight: a.weight, name: a.name, outcome: i < seats ? 'won' : 'waiting' }),
  );
}

export interface DrawResult {
  list: string;
  listHash: string;
  seed: string;
  entries: DrawEntry[];
  /** ticket → resident, kept with the draw to book and wait-list them; never published. */
  residents: Record<string, string>;
}

export function runDraw(slotId: string, closedAt: string, seats: number, applicants: readonly Applicant[]): DrawResult {
  const list = canonicalList(slotId, closedAt, applicants);
  const listHash = sha256Hex(list);
  const seed = drawSeed(listHash, slotId, closedAt);
  const entries = drawOrder(seed, applicants).map(
    (a, i): DrawEntry => ({
      rank: i + 1,
      ticket: a.ticket,
      weight: a.weight,
      name: a.name,
      outcome: i < seats ? 'won' : 'waiting',
    }),
  );
  return { list, listHash, seed, entries, residents: Object.fromEntries(applicants.map((a) => [a.ticket, a.residentId])) };
}

/** Parses a published list back into tickets and weights; null if it is not one. */
export function parseList(list: string): { slotId: string; closedAt: string; entries: { ticket: string; weight: number }[] } | null {
  const [header, slot, closes, ...lines] = list.split('\n');
  if (header !== LIST_HEADER || !slot?.startsWith('slot ') || !closes?.startsWith('closes ')) return null;
  const entries = lines.map((l) => l.split(' ')).map(([ticket, weight]) => ({ ticket, weight: Number(weight) }));
  if (entries.some((e) => !e.ticket || !Number.isInteger(e.weight) || e.weight < 1)) return null;
  return { slotId: slot.slice(5), closedAt: closes.slice(7), entries };
}

/** Re-runs a published draw from its list and checks every published figure; what does not match is named. */
export function verifyDraw(
  draw: Pick<Draw, 'list' | 'listHash' | 'seed' | 'entries' | 'seats' | 'slotId' | 'closedAt'> &
    Partial<Pick<Draw, 'seedRule' | 'seedInput' | 'witnesses' | 'publicNumber' | 'path' | 'redrawNumber'>>,
): string[] {
  const problems: string[] = [];
  const parsed = parseList(draw.list);
  if (!parsed) return ['the list is not a draw list'];
  if (parsed.slotId !== draw.slotId || parsed.closedAt !== draw.closedAt) problems.push('the list names another slot or close time');
  const hash = sha256Hex(draw.list);
  if (hash !== draw.listHash) problems.push('the list hash does not match the list');
  if (draw.seed === null) return [...problems, 'not drawn yet'];
  let seed: string;
  if (draw.seedRule === 'v2') {
    for (const w of draw.witnesses ?? [])
      if (w.secret !== null && (w.commitment === null || sha256Hex(w.secret) !== w.commitment))
        problems.push(`the secret of ${w.userId} does not match its commitment`);
    const used = seedWitnesses(draw.path ?? null, draw.witnesses ?? []);
    const input = seedInputOf(
      hash,
      used,
      draw.publicNumber?.value ?? null,
      draw.path === 'redraw' ? (draw.redrawNumber?.value ?? null) : null,
    );
    if (input !== draw.seedInput) problems.push('the seed input does not follow from the list hash, the secrets and the public number');
    seed = sha256Hex(input);
  } else seed = drawSeed(hash, parsed.slotId, parsed.closedAt);
  if (seed !== draw.seed) problems.push('the seed does not follow from the list hash');
  const tickets = new Set(parsed.entries.map((e) => e.ticket));
  if (tickets.size !== parsed.entries.length) problems.push('a ticket appears twice on the list');
  // Each step on its own: the order is re-run from the published seed, whatever the step above found.
  const order = drawOrder(draw.seed, parsed.entries);
  const published = [...draw.entries].sort((a, b) => a.rank - b.rank);
  const same =
    published.length === order.length &&
    published.every(
      (e, i) =>
        e.ticket === order[i].ticket &&
        e.weight === order[i].weight &&
        e.rank === i + 1 &&
        e.outcome === (i < draw.seats ? 'won' : 'waiting'),
    );
  if (!same) problems.push('the ranks do not follow from the seed');
  return problems;
}

const TICKET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ticket: 8 characters of Crockford's base-32 (no I, L, O, U), easy to read out on the phone. */
export const newTicket = (random: () => number): string =>
  Array.from({ length: 8 }, () => TICKET_ALPHABET[Math.floor(random() * TICKET_ALPHABET.length)]).join('');

/** How anyone checks a witnessed draw by hand with any SHA-256 tool (sha256sum, an online calculator), shown on the draw page. */
export const HOW_TO_CHECK_V2 = [
  '1. 复制“名单原文”,计算它的 SHA-256,应等于“名单哈希”。名单在截止时公布,之后不能再报名或取消。',
  '2. 对每位监督人,计算其“揭示的密码”的 SHA-256,应等于他在截止前公布的“承诺值”。',
  '3. 按顺序逐行写出:linli-seed-v2;list 名单哈希;每位监督人一行“witness 用户编号 密码”(按规则列出的顺序);公开号码一行“public 号码”。有监督人未揭示时:规则为“只用公开号码”的,只写第一、二行和公开号码一行;规则为“到时重抽”的,只写已揭示的监督人,公开号码之后再加一行“redraw 重抽号码”。各行之间用一个换行,最后不加换行。这就是“种子原文”,它的 SHA-256 应等于“随机种子”。',
  '4. 对每张签号,计算“种子:签号:0”的 SHA-256(权重为 2 的再算“种子:签号:1”,取较大的一个),按从大到小排序,就是抽签名次。',
  '5. 名次在座位数以内的中签,其余按名次进入候补。',
];

/**
 * Why an applicant has the weight they have: the classes a service's rules give a weight to
 * (`rules.draw.weights`), each for a reason the draw page states (the no-show rule, docs/data-model.md).
 */
export const WEIGHT_REASONS = {
  normal: '正常报名',
  restricted: '90天内第三次未到场(未获谅解),自第三次起30天内',
} as const;
export type WeightClass = keyof typeof WEIGHT_REASONS;
/** Ballots whose rules predate named weights drew with these. */
export const DEFAULT_WEIGHTS: Record<WeightClass, number> = { normal: 2, restricted: 1 };

/** The weight classes of a service's rules, with the reason for each, as the draw page shows them. */
export function weightClassesOf(weights: Record<WeightClass, number> = DEFAULT_WEIGHTS): { weight: number; reason: string }[] {
  return (Object.keys(WEIGHT_REASONS) as WeightClass[]).map((c) => ({
    weight: weights[c],
    reason: `${WEIGHT_REASONS[c]},每张签抽取${weights[c]}次取最大的一个`,
  }));
}

/** A ballot weight for a resident's no-show standing, as the slot's rules set it. */
export const weightFor = (weights: Record<WeightClass, number> | undefined, restricted: boolean): 1 | 2 =>
  (weights ?? DEFAULT_WEIGHTS)[restricted ? 'restricted' : 'normal'] === 1 ? 1 : 2;

/** One step of the app's own check of a published draw, as the draw page lists it. */
export interface CheckStep {
  step: string;
  ok: boolean;
  detail: string;
}

/**
 * The draw page's 在手机上核对: each step of HOW_TO_CHECK_V2 re-run with this file's SHA-256 on what the page
 * shows, passed or failed on its own, so a resident sees which figure (if any) does not follow.
 */
export function checkSteps(
  draw: Pick<Draw, 'list' | 'listHash' | 'seed' | 'seedInput' | 'entries' | 'seats' | 'slotId' | 'closedAt' | 'witnesses' | 'path'> & {
    publicNumber: { value: string } | null;
    redrawNumber?: { value: string } | null;
  },
): CheckStep[] {
  const steps: CheckStep[] = [];
  const parsed = parseList(draw.list);
  const hash = sha256Hex(draw.list);
  steps.push({
    step: '名单哈希',
    ok: hash === draw.listHash && !!parsed && parsed.slotId === draw.slotId && parsed.closedAt === draw.closedAt,
    detail: `名单原文的SHA-256为${hash.slice(0, 16)}…`,
  });
  for (const w of draw.witnesses) {
    if (w.secret === null) {
      steps.push({ step: `监督人${w.name}的承诺`, ok: true, detail: w.silent ? '未揭示,已记录,按规则不计入种子' : '尚未揭示' });
      continue;
    }
    const got = sha256Hex(w.secret);
    steps.push({ step: `监督人${w.name}的承诺`, ok: got === w.commitment, detail: `密码的SHA-256为${got.slice(0, 16)}…` });
  }
  if (draw.seed === null || draw.seedInput === null || !parsed) return steps;
  const used = seedWitnesses(draw.path, draw.witnesses);
  const input = seedInputOf(
    hash,
    used,
    draw.publicNumber?.value ?? null,
    draw.path === 'redraw' ? (draw.redrawNumber?.value ?? null) : null,
  );
  const seed = sha256Hex(input);
  steps.push({
    step: '随机种子',
    ok: input === draw.seedInput && seed === draw.seed,
    detail: `种子原文的SHA-256为${seed.slice(0, 16)}…`,
  });
  // Each step on its own: the order is re-run from the published seed, whatever the step above found.
  const order = drawOrder(draw.seed, parsed.entries);
  const published = [...draw.entries].sort((a, b) => a.rank - b.rank);
  const same = (i: number) => published[i]?.ticket === order[i].ticket && published[i].weight === order[i].weight;
  steps.push({
    step: '抽签名次',
    ok: published.length === order.length && order.every((_, i) => same(i) && published[i].rank === i + 1),
    detail: `按种子重算${order.length}张签的名次`,
  });
  steps.push({
    step: '中签和候补',
    ok: published.every((e) => e.outcome === (e.rank <= draw.seats ? 'won' : 'waiting')),
    detail: `前${draw.seats}名中签,其余按名次候补`,
  });
  return steps;
}

/** How anyone checks a draw by hand, shown on the draw page. */
export const HOW_TO_CHECK = [
  '1. 复制下面的“名单原文”,计算它的 SHA-256,应等于“名单哈希”。',
  '2. 计算“名单哈希 + 换行 + 时段编号 + 换行 + 截止时间”的 SHA-256,应等于“随机种子”。',
  '3. 对每张签号,计算“种子:签号:0”的 SHA-256(权重为 2 的再算“种子:签号:1”,取较大的一个),按从大到小排序,就是抽签名次。',
  '4. 名次在座位数以内的中签,其余按名次进入候补。',
];

/** When a witnessed draw's reveals end and, under `redraw_at`, when its re-draw comes: both from the close and the rules. */
export const drawDeadlines = (closedAt: string, rules: DrawRules) => ({
  revealBy: iso(Date.parse(closedAt) + rules.revealHours * HOUR_MS),
  redrawAt: rules.redraw ? iso(Date.parse(closedAt) + (rules.revealHours + rules.redraw.hoursAfterReveal) * HOUR_MS) : null,
  redrawSource: rules.redraw?.source ?? null,
});
