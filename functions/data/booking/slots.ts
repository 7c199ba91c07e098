import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SlotDelta } from '../../../shared/domain/booking/status';
import { slotTimers } from '../../../shared/domain/booking/schedule';
import { beijingDate } from '../../../shared/domain/beijing-time';
import { Slot, type SlotPhase } from '../../../shared/schemas/slots';
import { tableName } from '../../config';
import { db, INDEX } from '../db';
import type { Source } from '../pagination';
import { timerPut } from '../timers';
import { isCancelled, type TransactItem } from '../transactions';

/**
 * A slot lives in its own partition `SLOT#<id>`: the slot item (its seat counters), the bookings of its
 * residents (`RES#<resident>`), its waiting list (`WAIT#…`), its draw and its timers. Listed by service
 * and Beijing date (GSI1 `SLOTS#<service>#<date>`), so a week of slots is a merge of seven partitions.
 */
export const slotOwner = (id: string) => `SLOT#${id}`;
export const slotKey = (id: string) => ({ PK: slotOwner(id), SK: 'SLOT' });
const listKeys = (s: Pick<Slot, 'serviceId' | 'start' | 'id'>) => ({
  GSI1PK: `SLOTS#${s.serviceId}#${beijingDate(Date.parse(s.start))}`,
  GSI1SK: `${s.start}#${s.id}`,
});

/** AP: a slot, read consistently (its counters decide a booking). */
export async function getSlot(id: string): Promise<Slot | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: slotKey(id), ConsistentRead: true }));
  return out.Item ? Slot.parse(out.Item) : null;
}

/** AP: the slots of a service on some Beijing dates, by start (GSI1 `SLOTS#<service>#<date>` per date). */
export const slotsOfService = (serviceIds: readonly string[], dates: readonly string[]): Source<Slot> => ({
  index: INDEX.gsi1,
  partitions: serviceIds.flatMap((s) => dates.map((d) => `SLOTS#${s}#${d}`)),
  forward: true,
  item: Slot,
});

/** Opens a slot with its timers, once: false if it exists (materialising again changes nothing). */
export async function openSlot(slot: Slot): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...slotKey(slot.id), type: 'slot', ...slot, ...listKeys(slot) },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...slotTimers(slot).map((t) => timerPut(slotOwner(slot.id), t.kind, slot.id, t.at)),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isCancelled(error)) return false;
    throw error;
  }
}

/** What must still hold on the slot for a change decided on what was read. */
export interface SlotGuard {
  open?: boolean;
  phases?: readonly SlotPhase[];
  /** A seat must be free: among all seats, or within the share residents may book themselves. */
  seat?: 'all' | 'own';
  /** The waiting list is as read: nobody joined, left or was offered a seat meanwhile. */
  waitVersion?: number;
  /** The seats are taken exactly as read (joining a waiting list is only for a full slot). */
  counters?: Pick<Slot, 'booked' | 'selfBooked'>;
  /** Staff have not changed the slot since it was read (its time, place, seats, rules as the booking copied them). */
  rev?: number;
  /**
   * The booking window at `now`: open (`opensAt` ≤ now) and not closed (now < `closesAt`, for a walk-in at the
   * desk now < `end`; for an application now < `ballotClosesAt`).
   */
  window?: { now: string; until: 'closesAt' | 'end' | 'ballotClosesAt' };
}

const COUNTERS = ['booked', 'selfBooked', 'waiting', 'applicants', 'checkedIn', 'waitJoins', 'waitVersion'] as const;

/** The slot's part of a booking transaction: its counters moved by `delta`, under `guard`. */
export function slotUpdate(slotId: string, delta: SlotDelta, guard: SlotGuard, nowIso: string): TransactItem {
  const values: Record<string, unknown> = { ':now': nowIso };
  const adds = COUNTERS.filter((c) => delta[c] !== 0).map((c) => {
    values[`:d_${c}`] = delta[c];
    return `${c} :d_${c}`;
  });
  const conditions = ['attribute_exists(PK)'];
  const names: Record<string, string> = {};
  if (guard.open) {
    conditions.push('#status = :open');
    names['#status'] = 'status';
    values[':open'] = 'open';
  }
  if (guard.phases) {
    for (const [i, p] of guard.phases.entries()) values[`:p${i}`] = p;
    conditions.push(`#phase IN (${guard.phases.map((_, i) => `:p${i}`).join(', ')})`);
    names['#phase'] = 'phase';
  }
  if (guard.seat) conditions.push(guard.seat === 'own' ? 'booked < seats AND selfBooked < selfCap' : 'booked < seats');
  if (guard.waitVersion !== undefined) {
    conditions.push('waitVersion = :wv');
    values[':wv'] = guard.waitVersion;
  }
  if (guard.rev !== undefined) {
    conditions.push(guard.rev === 0 ? '(attribute_not_exists(rev) OR rev = :rev)' : 'rev = :rev');
    values[':rev'] = guard.rev;
  }
  if (guard.window) {
    const until = { closesAt: 'times.closesAt', end: '#end', ballotClosesAt: 'times.ballotClosesAt' }[guard.window.until];
    conditions.push(`times.opensAt <= :wnow AND :wnow < ${until} AND :wnow < #end`);
    names['#end'] = 'end';
    values[':wnow'] = guard.window.now;
  }
  if (guard.counters) {
    conditions.push('booked = :rb AND selfBooked = :rsb');
    Object.assign(values, { ':rb': guard.counters.booked, ':rsb': guard.counters.selfBooked });
  }
  return {
    Update: {
      TableName: tableName(),
      Key: slotKey(slotId),
      UpdateExpression: `SET updatedAt = :now${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ConditionExpression: conditions.join(' AND '),
      // A refused booking learns the slot as it is now from the refusal itself, without reading it again.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/** Moves a ballot slot from one phase to the next, once (the freeze before a draw, the end of it). */
export async function movePhase(slotId: string, from: SlotPhase, to: SlotPhase, nowIso: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: slotKey(slotId),
        UpdateExpression: 'SET #phase = :to, updatedAt = :now',
        ConditionExpression: '#phase = :from',
        ExpressionAttributeNames: { '#phase': 'phase' },
        ExpressionAttributeValues: { ':to': to, ':from': from, ':now': nowIso },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Staff change a slot's fields (seats, time, place, closing it), never its counters: `condition` says
 * what must hold (e.g. no more booked than the new seats). Throws ConditionalCheckFailedException.
 */
export async function changeSlot(
  slot: Slot,
  fields: Partial<Slot>,
  condition: { expression: string; names?: Record<string, string>; values: Record<string, unknown> } | null,
): Promise<void> {
  const next = { ...slot, ...fields };
  const set = { ...fields, ...(fields.start ? listKeys(next) : {}) };
  const names = Object.fromEntries(Object.keys(set).map((k, i) => [`#f${i}`, k]));
  const values = Object.fromEntries(Object.values(set).map((v, i) => [`:f${i}`, v]));
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: slotKey(slot.id),
      // `rev` goes up with every such change: a booking decided on the slot as remembered (booking/known-slots.ts) then fails.
      UpdateExpression: `SET ${Object.keys(set)
        .map((_, i) => `#f${i} = :f${i}`)
        .join(', ')} ADD rev :rev1`,
      ConditionExpression: ['attribute_exists(PK)', ...(condition ? [condition.expression] : [])].join(' AND '),
      ExpressionAttributeNames: { ...names, ...condition?.names },
      ExpressionAttributeValues: { ...values, ...condition?.values, ':rev1': 1 },
    }),
  );
}
