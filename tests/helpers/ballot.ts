import { createHash } from 'node:crypto';
import type { Service, ServiceRules } from '../../shared/schemas/services';
import type { Slot } from '../../shared/schemas/slots';
import { as } from './api';
import { book, DAY_MS, HOUR_MS, slotIn, testService } from './booking';
import { tickAt } from './tick';

/** Witnessed ballots (issue 16) for the draw page's tests: node:crypto only, nothing of the product's ballot code. */
export const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const WITNESSES = ['u-staff-guo', 'u-res-wang'];
export const WITNESSED_RULES = {
  allocation: 'ballot' as const,
  seatsPerSlot: 2,
  reservedPercent: 0,
  ballotHours: 48,
  draw: {
    witnesses: WITNESSES,
    publicSource: { name: '中国福利彩票 双色球', which: '监督人揭示截止后的第一期开奖号码' },
    revealHours: 24,
    ifWitnessSilent: 'public_only' as const,
    weights: { normal: 2, restricted: 1 },
  },
} satisfies Partial<ServiceRules>;

export const closePlus = (slot: Slot, ms: number) => new Date(Date.parse(slot.times.ballotClosesAt!) + ms);

async function ok(what: string, res: Promise<{ status: number; text: string }>): Promise<void> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what} answered ${r.status}: ${r.text}`);
}

export interface Witnessed {
  service: Service;
  slot: Slot;
  secrets: Record<string, string>;
  publicNumber: { value: string; source: string; publishedAt: string };
}

/**
 * A witnessed ballot of 古城 with `applicants` applied, taken as far as `until`: `open` (each witness in
 * `committed` has committed), `published` (the close: the list out, no seed), or `drawn` (every secret revealed
 * and the public number, published an hour after the reveal deadline, entered; drawn by tick an hour later).
 */
export async function witnessedBallot(
  applicants: string[],
  until: 'open' | 'published' | 'drawn',
  committed: string[] = WITNESSES,
  rules: Partial<ServiceRules> = {},
): Promise<Witnessed> {
  const service = await testService({ ...WITNESSED_RULES, ...rules }, { name: '测试家电义修' });
  const slot = await slotIn(service, 6 * DAY_MS);
  for (const id of applicants) await ok('an application', book(id, slot.id));
  const secrets = Object.fromEntries(WITNESSES.map((w) => [w, `${w.slice(2, 8).toUpperCase()}-${sha(slot.id + w).slice(0, 12)}`]));
  for (const w of committed) await ok('a commitment', as(w).post(`/slots/${slot.id}/draw/commitments`, { commitment: sha(secrets[w]) }));
  // The first number of a witnessed draw is published after the witnesses' reveal deadline.
  const revealHours = (rules.draw ?? WITNESSED_RULES.draw).revealHours;
  const publishedAt = closePlus(slot, (revealHours + 1) * HOUR_MS);
  const publicNumber = { value: '03 11 17 22 28 31 + 09', source: '中国福利彩票官网', publishedAt: publishedAt.toISOString() };
  if (until === 'open') return { service, slot, secrets, publicNumber };
  await tickAt(closePlus(slot, 0));
  if (until === 'published') return { service, slot, secrets, publicNumber };
  for (const w of committed) await ok('a reveal', as(w).post(`/slots/${slot.id}/draw/reveals`, { secret: secrets[w] }));
  await ok('the public number', as('u-staff-guo').post(`/slots/${slot.id}/draw/public-number`, publicNumber));
  await tickAt(new Date(publishedAt.getTime() + HOUR_MS));
  return { service, slot, secrets, publicNumber };
}
