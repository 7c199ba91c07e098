import {
  canonicalList,
  drawDeadlines,
  parseList,
  rankWith,
  runDraw,
  seedInputOf,
  seedWitnesses,
  weightFor,
} from '../../shared/domain/booking/ballot';
import { HOUR_MS, iso, whenText } from '../../shared/domain/beijing-time';
import { sha256Hex } from '../../shared/domain/sha256';
import { bookingNotes } from '../../shared/domain/booking/notify';
import type { Notice } from '../../shared/domain/notice';
import { isAssisted, moveTo } from '../../shared/domain/booking/status';
import { maskName } from '../../shared/domain/wish-view';
import type { DrawWitness, StoredDraw } from '../../shared/schemas/draws';
import type { Slot } from '../../shared/schemas/slots';
import { bookingsOfSlot } from '../data/booking/bookings';
import { completeDraw, drawInputs, getDraw, markReminded, putDraw } from '../data/booking/draws';
import { deliver } from '../data/notifications';
import { getUser } from '../data/users';
import { getSlot, movePhase, slotOwner } from '../data/booking/slots';
import { finishTimer, getTimer, moveTimer } from '../data/timers';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { drawnWaitKey, waitPut } from '../data/booking/waitlist';
import { commit, type BookingChange } from './commit';
import { witnessRole } from './draw-view';

/** Applicants per transaction: each is a booking, maybe a quota and a waiting-list entry, and notes for two people. */
const BATCH = 8;

/** Freezes the applicants (no application or withdrawal passes a slot that is drawing), then draws once (v1) or publishes the list (v2). */
async function frozenDraw(slot: Slot, nowIso: string): Promise<StoredDraw> {
  if (slot.phase === 'applying') await movePhase(slot.id, 'applying', 'drawing', nowIso);
  const existing = await getDraw(slot.id);
  if (existing) return existing;
  const applied = (await bookingsOfSlot(slot.id)).filter((b) => b.status === 'applied' && b.ticket);
  const closedAt = slot.times.ballotClosesAt!;
  // A booking records the applicant's class (weight 1: restricted after no-shows); the slot's rules weigh each class.
  const applicants = applied.map((b) => ({
    ticket: b.ticket!,
    weight: weightFor(slot.rules.draw?.weights, b.weight === 1),
    name: maskName(b.residentName),
    residentId: b.residentId,
  }));
  const base = {
    id: slot.id,
    slotId: slot.id,
    serviceId: slot.serviceId,
    serviceName: slot.serviceName,
    start: slot.start,
    seats: slot.seats,
    closedAt,
  };
  const rules = slot.rules.draw;
  if (rules) {
    // Committed: the list and its hash are published; nobody can know the seed yet, so nobody the order.
    const list = canonicalList(slot.id, closedAt, applicants);
    const witnesses = await Promise.all(rules.witnesses.map(async (id) => ({ id, user: await getUser(id) })));
    const first = await putDraw({
      ...base,
      status: 'committed',
      seedRule: 'v2',
      drawnAt: null,
      list,
      listHash: sha256Hex(list),
      seed: null,
      seedInput: null,
      path: null,
      ...drawDeadlines(closedAt, rules),
      remindedAt: null,
      redrawNumber: null,
      witnesses: witnesses.map(({ id, user }) => ({
        userId: id,
        name: maskName(user?.name ?? id),
        role: witnessRole(user),
        commitment: null,
        committedAt: null,
        secret: null,
        revealedAt: null,
        silent: false,
      })),
      publicSource: rules.publicSource,
      publicNumber: null,
      entries: [],
      residents: Object.fromEntries(applicants.map((a) => [a.ticket, a.residentId])),
      names: Object.fromEntries(applicants.map((a) => [a.ticket, a.name])),
    });
    const draw = (await getDraw(slot.id))!;
    if (first) await deliver(witnessNotes(draw, rules.witnesses, 'published'), nowIso);
    return draw;
  }
  const result = runDraw(slot.id, closedAt, slot.seats, applicants);
  // Two runs at once draw the same (the list is frozen, the seed follows from it); the first one stored wins.
  await putDraw({
    ...base,
    status: 'drawn',
    seedRule: 'v1',
    seedInput: null,
    path: null,
    revealBy: null,
    remindedAt: null,
    redrawAt: null,
    redrawSource: null,
    redrawNumber: null,
    witnesses: [],
    publicSource: null,
    publicNumber: null,
    drawnAt: nowIso,
    ...result,
  });
  return (await getDraw(slot.id))!;
}

/** Tells the witnesses who have not revealed yet that the list is out and their secret is wanted. */
function witnessNotes(draw: StoredDraw, ids: readonly string[], why: 'published' | 'reminder', revealed = new Set<string>()): Notice[] {
  const by = `${whenText(draw.revealBy!)}前`;
  return ids
    .filter((id) => !revealed.has(id))
    .map((userId) => ({
      userId,
      kind: 'draw_witness' as const,
      title: why === 'published' ? '抽签名单已公布,请揭示您的密码' : '提醒:请揭示您的抽签密码',
      body: `${draw.serviceName}(${whenText(draw.start)}):请在${by}揭示您截止前承诺的密码,否则${draw.redrawAt ? `按规则在${whenText(draw.redrawAt)}重抽` : '按规则只用公开号码抽签'}`,
      link: `/booking/pages/draw/index?service=${encodeURIComponent(draw.serviceId)}&slot=${encodeURIComponent(draw.id)}`,
    }));
}

/**
 * A committed draw made once its inputs are complete: every witness revealed and the public number entered
 * (path `all`); or, past the reveal deadline with someone silent, the public number alone (`public_only`), or
 * under `redraw_at` at the re-draw's moment once its public number is entered: the secrets revealed, the public
 * number and the re-draw's (`redraw`). Null while it must wait.
 */
async function madeFrom(draw: StoredDraw, nowMs: number): Promise<StoredDraw | null> {
  const inputs = await drawInputs(draw.slotId);
  const witnesses: DrawWitness[] = draw.witnesses.map((w) => {
    const i = inputs.witnesses.get(w.userId);
    return {
      ...w,
      commitment: i?.commitment ?? null,
      committedAt: i?.committedAt ?? null,
      secret: i?.secret ?? null,
      revealedAt: i?.revealedAt ?? null,
    };
  });
  const needsPublic = draw.publicSource !== null;
  if (needsPublic && !inputs.publicNumber) return null;
  // Never drawn before a number it takes was published: the draw's moment is at or after its publishedAt.
  if (inputs.publicNumber && nowMs < Date.parse(inputs.publicNumber.publishedAt)) return null;
  const allRevealed = witnesses.every((w) => w.secret !== null);
  const late = nowMs >= Date.parse(draw.revealBy!);
  if (!allRevealed && !late) return null;
  const redraw = !allRevealed && draw.redrawAt !== null;
  if (redraw && (nowMs < Date.parse(draw.redrawAt!) || !inputs.redrawNumber)) return null;
  if (redraw && nowMs < Date.parse(inputs.redrawNumber!.publishedAt)) return null;
  const path = allRevealed ? 'all' : redraw ? 'redraw' : 'public_only';
  const seedInput = seedInputOf(
    draw.listHash,
    seedWitnesses(path, witnesses),
    inputs.publicNumber?.value ?? null,
    path === 'redraw' ? inputs.redrawNumber!.value : null,
  );
  const seed = sha256Hex(seedInput);
  const parsed = parseList(draw.list)!;
  const entries = rankWith(
    seed,
    draw.seats,
    parsed.entries.map((e) => ({ ...e, name: draw.names?.[e.ticket] ?? '' })),
  );
  return {
    ...draw,
    status: 'drawn',
    seed,
    seedInput,
    path,
    witnesses: witnesses.map((w) => ({ ...w, silent: w.secret === null })),
    publicNumber: inputs.publicNumber,
    redrawNumber: inputs.redrawNumber,
    entries,
    drawnAt: new Date(nowMs).toISOString(),
  };
}

/**
 * Winners are booked; the rest wait in drawn order. A batch at a time, each change only from `applied`, so a
 * re-run goes on where it stopped; a batch refused because another run moved it is read again.
 */
async function applyOutcomes(slot: Slot, draw: StoredDraw, nowIso: string): Promise<void> {
  const byTicket = new Map(draw.entries.map((e) => [e.ticket, e]));
  for (let more = true; more; ) more = await optimistic('apply a draw', () => applyBatch(slot, byTicket, nowIso));
}

/** Applies the next batch of outcomes; false once nobody is left to apply. */
async function applyBatch(slot: Slot, byTicket: ReadonlyMap<string, StoredDraw['entries'][number]>, nowIso: string): Promise<boolean> {
  const pending = (await bookingsOfSlot(slot.id)).filter((b) => b.status === 'applied' && byTicket.has(b.ticket ?? ''));
  if (!pending.length) return false;
  const changes: BookingChange[] = [];
  const extra: TransactItem[] = [];
  const notes: Notice[] = [];
  for (const b of pending.slice(0, BATCH)) {
    const e = byTicket.get(b.ticket!)!;
    if (e.outcome === 'won') {
      const next = moveTo(b, 'win', nowIso, `抽签中签,第${e.rank}名`, { drawRank: e.rank });
      changes.push({ previous: b, next });
      notes.push(...bookingNotes('won', next, null));
    } else {
      const waitKey = drawnWaitKey(e.rank, b.residentId);
      const next = moveTo(b, 'lose', nowIso, `抽签未中,第${e.rank}名,按名次候补`, { drawRank: e.rank, waitKey });
      changes.push({ previous: b, next });
      extra.push(waitPut(slot.id, waitKey, b.residentId, isAssisted(b.channel)));
      notes.push(...bookingNotes('lost', next, null));
    }
  }
  await commit({ slot, changes, guard: { phases: ['drawing'] }, extra, notes, nowIso });
  return true;
}

/** How long a committed draw waits before tick looks again when nothing arrives (an input moves it to at once). */
const RECHECK_MS = HOUR_MS;

/**
 * The draw of a ballot slot, once its applications have closed: by tick at the close, or by staff
 * later if tick was late. "Now" is only when it is made; the draw itself depends on the list and its
 * inputs alone, so it is the same whenever and however often it runs. A witnessed draw publishes the list
 * at the close and is made when its inputs are complete ('waiting' until then; tick looks again at the
 * reveal deadline, and at once when an input arrives).
 */
export async function drawSlot(slotId: string, nowMs: number): Promise<'done' | 'skipped' | 'not_due' | 'waiting'> {
  const nowIso = new Date(nowMs).toISOString();
  const slot = await getSlot(slotId);
  if (slot?.rules.allocation !== 'ballot' || slot.phase === 'none') return 'skipped';
  if (slot.phase === 'drawn') {
    await finishTimer(slotOwner(slotId), 'slot_ballot');
    return 'skipped';
  }
  if (nowMs < Date.parse(slot.times.ballotClosesAt!)) return 'not_due';
  let draw = await frozenDraw(slot, nowIso);
  if (draw.status === 'committed') {
    const made = await madeFrom(draw, nowMs);
    if (!made) {
      await waitForInputs(draw, nowMs);
      return 'waiting';
    }
    const { id: _id, ...rest } = made;
    await completeDraw(slot.id, rest);
    draw = (await getDraw(slot.id))!;
  }
  await applyOutcomes(slot, draw, nowIso);
  await movePhase(slotId, 'drawing', 'drawn', nowIso);
  await finishTimer(slotOwner(slotId), 'slot_ballot');
  return 'done';
}

/**
 * While a draw waits: halfway to the reveal deadline the witnesses who have not revealed are reminded (once);
 * the timer moves to that moment, then to the deadline, then (under `redraw_at`) to the re-draw's moment, then an hour
 * on at a time (a public number is still to come).
 */
async function waitForInputs(draw: StoredDraw, nowMs: number): Promise<void> {
  const timer = await getTimer(slotOwner(draw.slotId), 'slot_ballot');
  if (!timer) return;
  const deadline = Date.parse(draw.revealBy!);
  const halfway = (Date.parse(draw.closedAt) + deadline) / 2;
  if (nowMs >= halfway && nowMs < deadline && !draw.remindedAt && (await markReminded(draw.slotId, iso(nowMs)))) {
    const { witnesses } = await drawInputs(draw.slotId);
    const revealed = new Set([...witnesses.values()].filter((w) => w.secret !== null).map((w) => w.userId));
    await deliver(
      witnessNotes(
        draw,
        draw.witnesses.map((w) => w.userId),
        'reminder',
        revealed,
      ),
      iso(nowMs),
    );
  }
  const redrawAt = draw.redrawAt ? Date.parse(draw.redrawAt) : null;
  const next =
    nowMs < halfway ? halfway : nowMs < deadline ? deadline : redrawAt !== null && nowMs < redrawAt ? redrawAt : nowMs + RECHECK_MS;
  await moveTimer(slotOwner(draw.slotId), 'slot_ballot', draw.slotId, timer.at, iso(next));
}

/** An input arrived: tick looks at the draw at once (its next run), instead of at the deadline. */
export async function drawSoon(slotId: string, nowIso: string): Promise<void> {
  const timer = await getTimer(slotOwner(slotId), 'slot_ballot');
  if (timer && timer.at > nowIso) await moveTimer(slotOwner(slotId), 'slot_ballot', slotId, timer.at, nowIso);
}
