import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Notice } from '../../shared/domain/notice';
import { addDeltas, isAssisted, quotaDelta, slotDelta, type SlotDelta } from '../../shared/domain/booking/status';
import { beijingMonth } from '../../shared/domain/beijing-time';
import type { Booking } from '../../shared/schemas/bookings';
import { Slot } from '../../shared/schemas/slots';
import { recordCapacity } from '../data/capacity';
import { db } from '../data/db';
import { notificationWrites } from '../data/notifications';
import { quotaUpdate } from '../data/booking/quotas';
import { slotUpdate, type SlotGuard } from '../data/booking/slots';
import { bookingPut } from '../data/booking/bookings';
import { writeLimitRefusal } from '../data/rate-limits';
import { TryAgain } from '../data/retry';
import { cancellationCodes, cancelledItem, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from '../data/transactions';

/**
 * One TransactWriteItems for a change to bookings of one slot. In this order, so that a cancellation's
 * reasons can be read by position: [0] the slot's counters (moved by the sum of the status changes,
 * under `guard`), [1…] each booking (created once, or changed from the version read), then each
 * resident's quota item (a rise within `caps`), then the idempotency key, the check of the resident's
 * no-show standing, the caller's write-limit counter, the extra items (waiting-list entries, no-show
 * records), and the notifications of the change. Every conditional item of the slot, the bookings, the
 * quotas, the key and the standing returns the item as it is when its condition fails (ALL_OLD): a refusal
 * says why without a read.
 */
export interface BookingChange {
  previous: Booking | null;
  next: Booking;
  /** The caps a rise of this resident's quota must stay within (a new booking, an accepted offer). */
  caps?: { active: number; perMonth: number } | null;
}

export interface Plan {
  slot: Slot;
  changes: BookingChange[];
  guard: SlotGuard;
  keyItem?: TransactItem;
  /** The resident's no-show standing as the decision assumed it (data/booking/standing.ts `standingCheck`). */
  standing?: TransactItem;
  /** The caller's write-limit counter (functions/data/rate-limits.ts `writeLimitItem`): past the limit the answer is its 429. */
  limit?: TransactItem;
  extra?: TransactItem[];
  notes?: Notice[];
  nowIso: string;
}

export type Part = 'slot' | 'booking' | 'quota' | 'key' | 'standing' | 'limit' | 'extra' | 'notes';

/** The parts whose refusal is worth its item: it tells the caller what the item is now. */
const RETURNING: ReadonlySet<Part> = new Set(['booking', 'quota', 'key', 'standing']);

function returningOld(item: TransactItem): TransactItem {
  const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, Record<string, unknown>];
  if (!body?.ConditionExpression) return item;
  return { [kind]: { ...body, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactItem;
}

const ZERO: SlotDelta = { booked: 0, selfBooked: 0, waiting: 0, applicants: 0, checkedIn: 0, waitJoins: 0, waitVersion: 0 };

export function planItems(plan: Plan): { items: TransactItem[]; parts: Part[] } {
  const items: TransactItem[] = [];
  const parts: Part[] = [];
  const add = (part: Part, item: TransactItem | null) => {
    if (!item) return;
    items.push(RETURNING.has(part) ? returningOld(item) : item);
    parts.push(part);
  };
  const delta = plan.changes.reduce(
    (sum, c) => addDeltas(sum, slotDelta(c.previous?.status ?? null, c.next.status, isAssisted(c.next.channel))),
    ZERO,
  );
  // A change that moves no counter and needs nothing of the slot (a reminder) leaves the slot alone.
  const touchesSlot = Object.values(delta).some((v) => v !== 0) || Object.keys(plan.guard).length > 0;
  add('slot', touchesSlot ? slotUpdate(plan.slot.id, delta, plan.guard, plan.nowIso) : null);
  for (const c of plan.changes) add('booking', bookingPut(c.next, c.previous));
  const month = beijingMonth(Date.parse(plan.slot.start));
  for (const c of plan.changes) {
    add(
      'quota',
      quotaUpdate(c.next.residentId, plan.slot.serviceId, month, quotaDelta(c.previous?.status ?? null, c.next.status), c.caps ?? null),
    );
  }
  add('key', plan.keyItem ?? null);
  add('standing', plan.standing ?? null);
  add('limit', plan.limit ?? null);
  for (const item of plan.extra ?? []) add('extra', item);
  for (const item of notificationWrites(plan.notes ?? [], plan.nowIso)) add('notes', item);
  return { items, parts };
}

/**
 * What refused a cancelled transaction: the parts whose condition failed (none when it only collided),
 * the parts whose items were found as read, the slot as it is now when its condition failed, and the
 * first item each other failed part returned (`returned`: the booking, the quota, the key's record, the
 * standing; an absent item returns nothing). A TryAgain: under `optimistic` (data/retry.ts) the caller
 * decides again on what the refusal returned, reading only what it did not.
 */
export class CommitRefused extends TryAgain {
  constructor(
    readonly failed: ReadonlySet<Part>,
    readonly codes: string[],
    readonly held: ReadonlySet<Part> = new Set(),
    readonly slotNow: Slot | null = null,
    readonly returned: Partial<Record<Part, Record<string, unknown>>> = {},
  ) {
    super(`booking transaction refused: ${codes.join(', ')}`);
  }
  /** Only collisions with other transactions: read again and decide again. */
  get collidedOnly(): boolean {
    return this.failed.size === 0;
  }
}

/** Runs the plan; a cancellation that is a true conflict becomes CommitRefused, anything else is thrown as it is. */
export async function commit(plan: Plan): Promise<void> {
  const { items, parts } = planItems(plan);
  if (items.length > 100) throw new Error(`a booking transaction of ${items.length} items is over DynamoDB's 100`);
  try {
    const out = await db().send(new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity: 'TOTAL' }));
    recordCapacity(out.ConsumedCapacity);
  } catch (error) {
    if (!isCancelled(error)) throw error;
    // Past the write limit the answer is its 429, whatever else the transaction met (as when it was counted first).
    const limited = writeLimitRefusal(error, items, new Date(plan.nowIso));
    if (limited) throw limited;
    const codes = cancellationCodes(error);
    if (!isConflict(codes)) throw unexpectedCancellation(error);
    const failed = new Set(parts.filter((_, i) => codes[i] === 'ConditionalCheckFailed'));
    // A part held only if every one of its items passed: a collision says nothing about what it found.
    const held = new Set(parts.filter((p) => parts.every((q, i) => q !== p || codes[i] === 'None')));
    // A slot item that does not parse is only a missed shortcut: the caller reads the slot again.
    const slotNow = parts[0] === 'slot' ? Slot.safeParse(cancelledItem(error, 0)) : null;
    const returned: Partial<Record<Part, Record<string, unknown>>> = {};
    parts.forEach((p, i) => {
      const item = codes[i] === 'ConditionalCheckFailed' ? cancelledItem(error, i) : undefined;
      if (item && !returned[p]) returned[p] = item;
    });
    throw new CommitRefused(failed, codes, held, slotNow?.success ? slotNow.data : null, returned);
  }
}
