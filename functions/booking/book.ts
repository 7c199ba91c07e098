import { randomInt } from 'node:crypto';
import { AppError, notFound } from '../../shared/errors';
import { newTicket } from '../../shared/domain/booking/ballot';
import { serviceOfSlotId } from '../../shared/domain/booking/schedule';
import { effectiveQuota, standingOfMarks, type Standing } from '../../shared/domain/booking/noshow';
import { bookingNotes } from '../../shared/domain/booking/notify';
import { canTake, decideBooking, limitedToOwnShare } from '../../shared/domain/booking/rules';
import { applyDelta, isAssisted, isReleased, slotDelta } from '../../shared/domain/booking/status';
import { beijingMonth } from '../../shared/domain/beijing-time';
import { newBooking, toBookingView } from '../../shared/domain/booking/view';
import { Booking, type BookingCreateBody, type BookingView } from '../../shared/schemas/bookings';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getBooking, getBookingById } from '../data/booking/bookings';
import { bookingLook } from '../data/booking/booking-look';
import { findIdempotent, hashRequest, IdempotencyRecord, idempotencyPut } from '../data/idempotency';
import { quotaUseOf, type QuotaUse } from '../data/booking/quotas';
import { getSlot, type SlotGuard } from '../data/booking/slots';
import { getStanding, marksOf, standingCheck } from '../data/booking/standing';
import { waitlistOf, waitPut } from '../data/booking/waitlist';
import { optimistic } from '../data/retry';
import type { TransactItem } from '../data/transactions';
import { commit, CommitRefused } from './commit';
import { knownSlot, rememberSlot } from './known-slots';
import { assertMayBookSlot, whoBooks, type Booker } from './resident';
import { giveBackWaitTicket, takeWaitTicket, type WaitTicket } from './wait-ticket';

/**
 * A popular slot is one hot item: when a crowd taps at once most transactions collide and are retried
 * (optimistic, data/retry.ts) for a time budget well inside the function's timeout; once the seats are
 * gone the refusal itself (ALL_OLD) answers SLOT_FULL without another write. Joining its waiting list takes a
 * number from a counter instead of a version of the slot, so a crowd joining at once only waits for its
 * turn on the slot item.
 */
const RETRY_BUDGET_MS = 12_000;
const random = () => randomInt(0, 2 ** 30) / 2 ** 30;
const UNRESTRICTED: Standing = { recent: 0, restrictedUntil: null, weight: 2 };
/** A standing that halves the monthly cap: its caps are ones any standing allows. */
const restricted = (nowIso: string): Standing => ({ recent: 3, restrictedUntil: nowIso, weight: 1 });
const NONE_USED: QuotaUse = { active: 0, month: 0 };
const ALL_USED: QuotaUse = { active: Number.MAX_SAFE_INTEGER, month: Number.MAX_SAFE_INTEGER };

async function replay(record: IdempotencyRecord, requestHash: string): Promise<{ booking: BookingView; replayed: true }> {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another booking; use a new key');
  }
  const booking = await getBookingById(record.resultId);
  if (!booking) throw notFound('booking');
  return { booking: toBookingView(booking, null), replayed: true };
}

/**
 * What a decision stands on. Each fact was read this request (or returned by a refusal), or is assumed and
 * then checked by a condition of the transaction: the slot as this container remembers it (its `rev`,
 * window, status, phase and seats are conditions), no booking of the resident on it (`attribute_not_exists`),
 * the quota within its caps (the quota's condition), the no-show standing (the quota's caps or a
 * ConditionCheck), no earlier request with the key (`attribute_not_exists`). A refusal that an assumption
 * could change is never answered: what it stands on is read first, and the decision is made again.
 */
interface Facts {
  slot: Slot | null;
  /** The slot was read (or returned by a refusal) in this request, not only remembered. */
  slotRead: boolean;
  /** A transaction found the remembered slot's condition true (staff changed nothing: its rules and times hold). */
  slotHeld: boolean;
  existing: Booking | null;
  /** How the resident's booking is known: a first look (not one snapshot with the quota), a transaction, or assumed absent. */
  existingFrom: 'look' | 'transaction' | 'assumed';
  /** Undefined: assumed within the caps. */
  quota?: QuotaUse;
  /** A transaction found the quota within the caps it was given. */
  quotaHeld: boolean;
  /** Undefined: assumed unrestricted. */
  standing?: Standing;
}

/**
 * Books a seat, applies to a ballot, or joins the waiting list, in one TransactWriteItems: the slot's
 * counters with their condition, the booking keyed by slot and resident, the resident's quota within
 * its caps, the key's record, the check of the resident's no-show standing, the caller's write-limit
 * counter, the waiting-list entry and the notifications (commit.ts). On a slot this container knows, a
 * resident booking for themselves reaches the database once: the transaction. A refusal is read from the
 * cancellation reasons by position and the items they return (ALL_OLD); a collision is decided again on the
 * slot the refusal returned, so a full slot ends as SLOT_FULL, with no more reads, and never as an error.
 */
export async function bookSlot(
  user: User,
  body: BookingCreateBody,
  key: string | undefined,
  now: Date,
  writeLimit?: TransactItem,
): Promise<{ booking: BookingView; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const residentId = body.forResidentId ?? user.id;
  const [nowMs, nowIso] = [now.getTime(), now.toISOString()];
  const remembered = knownSlot(body.slotId, nowMs);
  const firstLook = () => bookingLook({ slotId: body.slotId, residentId, userId: user.id, key });
  let facts: Facts;
  let who: Booker;
  /** Everything as the database holds it (a replay ends the request here). */
  const factsFrom = (look: Awaited<ReturnType<typeof firstLook>>): Facts => {
    if (look.slot) rememberSlot(look.slot, nowMs);
    return {
      slot: look.slot,
      slotRead: true,
      slotHeld: false,
      existing: look.booking,
      existingFrom: 'look',
      // The quota item read is named by the slot id; for a slot of another service the quota's condition decides.
      quota:
        look.slot && look.slot.serviceId === serviceOfSlotId(look.slot.id)
          ? quotaUseOf(look.quota, beijingMonth(Date.parse(look.slot.start)))
          : { active: 0, month: 0 },
      quotaHeld: false,
      standing: standingOfMarks(look.standing?.noShows ?? [], nowMs),
    };
  };
  if (remembered) {
    // Who books for whom is decided first: it must not depend on the slot existing.
    who = await whoBooks(user, body.forResidentId);
    facts = { slot: remembered, slotRead: false, slotHeld: false, existing: null, existingFrom: 'assumed', quotaHeld: false };
  } else {
    const [w, look] = await Promise.all([whoBooks(user, body.forResidentId), firstLook()]);
    who = w;
    if (look.record) return replay(look.record, requestHash);
    facts = factsFrom(look);
  }
  const { resident, channel, booker } = who;
  const assisted = isAssisted(channel);
  // Taken on the first decision to wait and kept through retries, so one request holds one number.
  let ticket = null as WaitTicket | null;
  let joined = false;

  const answersFull = (s: Slot) => s.booked >= s.seats && !body.waitlist && s.phase !== 'applying';

  const decideOn = async (current: Slot, used: QuotaUse, standing: Standing, readWaiters = true) => {
    const full = answersFull(current);
    // Whether a seat is owed to someone waiting matters only when there is a seat this resident could take.
    const waiters = readWaiters && !full && current.waiting > 0 && canTake(current, assisted, nowMs) ? await waitlistOf(current.id) : [];
    return decideBooking({
      slot: current,
      resident,
      channel,
      existing: facts.existing,
      used: full ? { active: 0, month: 0 } : used,
      standing,
      waitlist: body.waitlist,
      nowMs,
      owedToWaiter: waiters.some((w) => canTake(current, w.assisted, nowMs)),
    });
  };

  /**
   * Whether a refusal stands on facts, not on assumptions: the slot read (or, for anything but a full slot,
   * held by a transaction), the resident's booking known, and the quota known with the standing, or held by
   * a transaction; or the refusal is the same whatever the unknown quota (none used, all used) and standing
   * (restricted or not) are, as when it comes before the quota is looked at.
   */
  const settled = async (current: Slot, refused: AppError): Promise<boolean> => {
    if (!(facts.slotRead || (facts.slotHeld && refused.code !== 'SLOT_FULL')) || facts.existingFrom === 'assumed') return false;
    if (facts.quotaHeld || (facts.quota !== undefined && facts.standing !== undefined)) return true;
    const quotas = facts.quota ? [facts.quota] : [NONE_USED, ALL_USED];
    const standings = facts.standing ? [facts.standing] : [UNRESTRICTED, restricted(nowIso)];
    for (const used of quotas) {
      for (const standing of standings) {
        const other = await decideOn(current, used, standing).then(
          () => null,
          (e: unknown) => e,
        );
        if (!(other instanceof AppError && other.code === refused.code && other.message === refused.message)) return false;
      }
    }
    return true;
  };

  /** The decision on the facts; a refusal that stands on an assumption is decided again on a first look. */
  let looks = 0;
  const decide = async () => {
    for (;;) {
      if (!facts.slot) Object.assign(facts, { slot: await getSlot(body.slotId), slotRead: true });
      const current = facts.slot;
      if (current) rememberSlot(current, nowMs);
      const standing = facts.standing ?? UNRESTRICTED;
      try {
        assertMayBookSlot(who, current);
        const action = await decideOn(current, facts.quota ?? NONE_USED, standing);
        // A place on the waiting list is told from the slot as read just before its number is taken (wait-ticket.ts).
        if (action === 'wait' && !facts.slotRead && !ticket) {
          Object.assign(facts, { slot: await getSlot(body.slotId), slotRead: true });
          continue;
        }
        // A quota the transaction refused under a restricted resident's caps: if it passes those too, the
        // standing does not matter (the caps stay cautious); otherwise it decides, and is read.
        if (facts.quota !== undefined && facts.standing === undefined) {
          const cautious =
            action !== 'apply' &&
            (await decideOn(current, facts.quota, restricted(nowIso)).then(
              () => true,
              () => false,
            ));
          if (!cautious) {
            facts.standing = standingOfMarks((await getStanding(resident.id))?.noShows ?? [], nowMs);
            continue;
          }
        }
        return { current, action, standing };
      } catch (error) {
        if (!(error instanceof AppError) || !current || looks > 1 || (await settled(current, error))) {
          // The first look is not one snapshot: a parallel tap's booking can show in the quota before the
          // booking itself does. Read the booking again once, so that tap is answered ALREADY_BOOKED.
          if (error instanceof AppError && error.code === 'QUOTA_EXCEEDED' && facts.existingFrom === 'look' && !facts.existing) {
            const again = await getBooking(body.slotId, resident.id);
            if (again) {
              facts.existing = again;
              continue;
            }
          }
          throw error;
        }
        looks++;
        const look = await firstLook();
        if (look.record) throw new Replayed(await replay(look.record, requestHash));
        facts = factsFrom(look);
      }
    }
  };

  const attempt = async (): Promise<{ booking: BookingView; replayed: boolean }> => {
    const { current, action, standing } = await decide();
    if (action === 'wait') ticket ??= await takeWaitTicket(current, resident.id);
    const waitKey = action === 'wait' ? ticket!.key : null;
    const existing = facts.existing;
    const previous = existing && isReleased(existing.status) ? existing : null;
    const booking = newBooking({
      slot: current,
      resident,
      channel,
      booker,
      action,
      nowIso,
      waitKey,
      existing: previous,
      // One ticket per resident and slot: applying again after a withdrawal keeps the first one (issue 16).
      ticket: action === 'apply' ? (previous?.ticket ?? newTicket(random)) : null,
      weight: standing.weight,
    });
    // What was decided on the slot as remembered must still hold: staff changed nothing, and the window is open.
    const held = facts.slotRead ? {} : { rev: current.rev ?? 0 };
    const guards: Record<typeof action, SlotGuard> = {
      apply: { open: true, phases: ['applying'], ...held, window: { now: nowIso, until: 'ballotClosesAt' } },
      book: {
        open: true,
        phases: ['none', 'drawn'],
        seat: limitedToOwnShare(current, assisted, nowMs) ? 'own' : 'all',
        waitVersion: current.waitVersion,
        ...held,
        window: { now: nowIso, until: channel === 'desk' ? 'end' : 'closesAt' },
      },
      // No version of the waiting list: joiners never refuse one another, only a change of the seats does.
      wait: { open: true, phases: ['none', 'drawn'], counters: current, ...held, window: { now: nowIso, until: 'closesAt' } },
    };
    // A standing not read is not checked for a seat or a waiting place: the quota's condition holds it to the caps
    // of a restricted resident, which either standing allows; only a refusal of those asks what the standing is.
    // An application's weight depends on it: the transaction checks the standing it assumed.
    const cautious = facts.standing === undefined && action !== 'apply';
    const caps = effectiveQuota(current.rules.quota, cautious ? restricted(nowIso) : standing);
    try {
      await commit({
        slot: current,
        changes: [{ previous, next: booking, caps }],
        guard: guards[action],
        keyItem: key ? idempotencyPut(user.id, key, requestHash, booking.id, now) : undefined,
        standing: cautious ? undefined : standingCheck(resident.id, standing, nowIso),
        limit: writeLimit,
        extra: waitKey ? [waitPut(current.id, waitKey, resident.id, assisted)] : [],
        notes: bookingNotes(action === 'book' ? 'booked' : action === 'apply' ? 'applied' : 'waiting', booking, user.id),
        nowIso,
      });
    } catch (error) {
      if (!(error instanceof CommitRefused)) throw error;
      learnFrom(error, current);
      if (error.failed.has('key')) {
        const record = error.returned.key ? IdempotencyRecord.parse(error.returned.key) : await findIdempotent(user.id, key!);
        if (record) return replay(record, requestHash);
      }
      throw error;
    }
    rememberSlot(applyDelta(current, slotDelta(previous?.status ?? null, booking.status, assisted)), nowMs);
    joined = waitKey !== null;
    return { booking: toBookingView(booking, joined ? ticket!.place : null), replayed: false };
  };

  /**
   * What a refusal tells, without a read: the slot as it is (its condition failed), the resident's booking
   * (it exists), their quota use, their standing; a part whose condition held confirms what was assumed.
   */
  const learnFrom = (refused: CommitRefused, decidedOn: Slot) => {
    const month = beijingMonth(Date.parse(decidedOn.start));
    const { returned, failed, held } = refused;
    if (refused.slotNow) {
      Object.assign(facts, { slot: refused.slotNow, slotRead: true });
      rememberSlot(refused.slotNow, nowMs);
    } else if (failed.has('slot')) {
      facts.slot = null;
    } else if (held.has('slot')) {
      facts.slotHeld = true;
    }
    if (!refused.slotNow && !failed.has('slot') && !facts.slotRead) {
      // Only a collision: the slot as this container knows it best now (another request may have just booked).
      facts.slot = knownSlot(decidedOn.id, nowMs) ?? decidedOn;
    }
    if (failed.has('booking') && returned.booking)
      Object.assign(facts, { existing: Booking.parse(returned.booking), existingFrom: 'transaction' });
    else if (held.has('booking')) facts.existingFrom = 'transaction';
    else if (failed.has('booking')) Object.assign(facts, { existing: null, existingFrom: 'assumed' });
    if (failed.has('quota')) Object.assign(facts, { quota: quotaUseOf(returned.quota, month), quotaHeld: false });
    // Held within the caps given: those of a restricted resident (any standing allows them) or of the standing assumed.
    else facts.quotaHeld = held.has('quota') && !failed.has('standing');
    if (failed.has('standing')) facts.standing = standingOfMarks(marksOf(returned.standing)?.noShows ?? [], nowMs);
    else if (held.has('standing') && facts.standing === undefined) facts.standing = UNRESTRICTED;
  };

  // A slot now full needs no pause: the next round answers SLOT_FULL without reading anything; nor does a
  // refusal that told what the resident holds. Anyone else (joining the waiting list, a seat still free)
  // pauses, or the crowd collides again at once.
  const pauseAfter = (error: unknown) =>
    !(
      error instanceof CommitRefused &&
      ((error.slotNow && answersFull(error.slotNow)) || ['booking', 'quota', 'standing'].some((p) => error.failed.has(p as 'booking')))
    );
  const outcome = await optimistic('book a slot', attempt, { budgetMs: RETRY_BUDGET_MS, pauseAfter }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => (error instanceof Replayed ? { ok: true as const, value: error.answer } : { ok: false as const, error }),
  );
  if (ticket && !joined) await giveBackWaitTicket(body.slotId, outcome);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** A first look taken after a refusal on an assumption found the key's first answer: it is the answer. */
class Replayed extends Error {
  constructor(readonly answer: { booking: BookingView; replayed: true }) {
    super('replayed');
  }
}
