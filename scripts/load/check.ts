import { readPage } from '../../functions/data/pagination';
import { byOwner, getWishWithTimeline } from '../../functions/data/wishes';
import { limits } from '../../functions/config';
import type { EveningLog } from './evening';

export interface CheckResult {
  ok: boolean;
  lines: string[];
}

/**
 * Reads the table after the evening and checks what users were told against what is stored: no lost or
 * duplicated wish, one claimant per claimed wish, every event sequence gap-free, no resident past the limit.
 */
export async function checkTable(log: EveningLog): Promise<CheckResult> {
  const failures: string[] = [];
  const byKey = new Map<string, Set<string>>();
  for (const a of log.acknowledged)
    byKey.set(`${a.residentId}/${a.key}`, (byKey.get(`${a.residentId}/${a.key}`) ?? new Set()).add(a.wishId));
  for (const [key, ids] of byKey) if (ids.size > 1) failures.push(`one Idempotency-Key answered with ${ids.size} different wishes: ${key}`);
  const told = new Set(log.acknowledged.map((a) => a.wishId));

  const stored: string[] = [];
  for (const residentId of log.residents) {
    let cursor: string | undefined;
    const mine: string[] = [];
    do {
      const page = await readPage([byOwner(residentId)], cursor, 50);
      mine.push(...page.items.map((w) => w.id));
      cursor = page.cursor ?? undefined;
    } while (cursor);
    if (mine.length > limits().wishesPerHour)
      failures.push(`${residentId} has ${mine.length} wishes, past the limit of ${limits().wishesPerHour} an hour`);
    stored.push(...mine);
  }
  const storedSet = new Set(stored);
  for (const id of told) if (!storedSet.has(id)) failures.push(`lost: wish ${id} was acknowledged but is not stored`);
  for (const id of stored) if (!told.has(id)) failures.push(`ghost: wish ${id} is stored but nobody was told`);

  let claimed = 0;
  let events = 0;
  for (const id of stored) {
    const found = await getWishWithTimeline(id);
    if (!found) continue;
    const { wish, timeline } = found;
    events += timeline.length;
    const seqs = timeline.map((e) => e.seq);
    if (seqs.some((s, i) => s !== i + 1) || seqs.at(-1) !== wish.version)
      failures.push(`wish ${id}: events ${seqs.join(',')} for version ${wish.version}`);
    let holders = 0;
    for (const e of timeline) {
      holders += e.action === 'claim' ? 1 : e.action === 'release' ? -1 : 0;
      if (holders > 1) failures.push(`wish ${id}: claimed twice without a release`);
    }
    const winners = new Set(log.claimsWon.filter((c) => c.wishId === id).map((c) => c.volunteerId));
    if (winners.size > 1) failures.push(`wish ${id}: ${winners.size} volunteers were told they won the claim`);
    if (winners.size === 1 && wish.claimantId !== [...winners][0])
      failures.push(`wish ${id}: the stored claimant is not the volunteer told they won`);
    if (wish.claimantId) claimed++;
  }

  const lines = [
    `table: ${stored.length} wishes stored for ${log.acknowledged.length} acknowledgements (${byKey.size} distinct keys), ${claimed} claimed, ${events} events`,
    failures.length
      ? `FAILED ${failures.length} checks:`
      : 'checks: no lost or duplicated wish, one claimant per claimed wish, every event sequence gap-free, no resident past the limit',
    ...failures.slice(0, 20).map((f) => `  - ${f}`),
  ];
  return { ok: failures.length === 0 && stored.length === byKey.size, lines };
}
