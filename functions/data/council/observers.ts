import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Observer, type CouncilStep, type Topic } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import { slotOwner } from '../booking/slots';
import { db } from '../db';
import type { Source } from '../pagination';
import { cancellationCodes, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from '../transactions';
import { StaleTopicError, topicKey } from './topics';

/**
 * Residents registered to attend a noticed meeting as observers (列席). One item per person and notice in the
 * partition `TOPICOBS#<topic>#<noticeAt>` (a new notice after 流会 starts a new list), and the seat counter:
 * with a 议事厅 slot, the council's hold of that slot (`SLOT#<slot>` / `COUNCIL#<topic>`, written by the notice
 * with `observerSeats` and `observers: 0`), so the observers take seats of the slot the council holds; without
 * one, `TOPIC#<id>` / `SEATS#<noticeAt>` (made by the notice when it limits the seats, else by the first
 * registration). A registration is the person's item (`attribute_not_exists`), `ADD observers 1` on the counter
 * while `observers < observerSeats`, and a check that the topic is still noticed under the same notice, in one
 * transaction without a version: many residents registering at once never pass the seats.
 */
const observersPk = (topicId: string, noticeAt: string) => `TOPICOBS#${topicId}#${noticeAt}`;
const observerKey = (topicId: string, noticeAt: string, userId: string) => ({ PK: observersPk(topicId, noticeAt), SK: `USER#${userId}` });

/** Where a notice's seats are counted: the council's hold of its room slot, else an item of the topic. */
export function seatsKey(topicId: string, notice: Pick<NonNullable<Topic['notice']>, 'slotId' | 'at'>): { PK: string; SK: string } {
  return notice.slotId
    ? { PK: slotOwner(notice.slotId), SK: `COUNCIL#${topicId}` }
    : { PK: topicKey(topicId).PK, SK: `SEATS#${notice.at}` };
}

/** The seat counter of a notice without a room that limits its observers, for the notice's transaction. */
export const seatsPut = (topicId: string, noticeAt: string, observerSeats: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...seatsKey(topicId, { slotId: null, at: noticeAt }), type: 'councilSeats', topicId, noticeAt, observerSeats, observers: 0 },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export interface Seats {
  observers: number;
  /** null: no limit. */
  seats: number | null;
}

/** AP: the observers counted and the seats of a notice (one consistent read of its counter). */
export async function seatsOf(topicId: string, notice: NonNullable<Topic['notice']>): Promise<Seats> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: seatsKey(topicId, notice), ConsistentRead: true }));
  const item = out.Item ?? {};
  return {
    observers: typeof item.observers === 'number' ? item.observers : 0,
    seats: typeof item.observerSeats === 'number' ? item.observerSeats : null,
  };
}

/** AP: whether a person registered for a notice. */
export async function isObserver(topicId: string, noticeAt: string, userId: string): Promise<boolean> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: observerKey(topicId, noticeAt, userId), ConsistentRead: true }),
  );
  return !!out.Item;
}

/** AP: the observers of a notice, by their user key (Query `TOPICOBS#<topic>#<noticeAt>`). */
export const observersOf = (topicId: string, noticeAt: string): Source<Observer> => ({
  index: 'table',
  partitions: [observersPk(topicId, noticeAt)],
  forward: true,
  item: Observer,
});

/** The topic is still noticed under this notice: registrations follow the notice in force. */
function stillNoticed(topicId: string, noticeAt: string): TransactItem {
  const noticed: CouncilStep = 'noticed';
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: topicKey(topicId),
      ConditionExpression: '#step = :noticed AND #notice.#at = :at',
      ExpressionAttributeNames: { '#step': 'step', '#notice': 'notice', '#at': 'at' },
      ExpressionAttributeValues: { ':noticed': noticed, ':at': noticeAt },
    },
  };
}

export type RegisterOutcome = 'registered' | 'already' | 'full' | 'moved';

/** AP: one observer registered, once, within the seats (see above). `moved`: the topic's notice changed meanwhile. */
export async function registerObserver(o: Observer, notice: NonNullable<Topic['notice']>): Promise<RegisterOutcome> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...observerKey(o.topicId, o.noticeAt, o.userId), type: 'councilObserver', ...o },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: seatsKey(o.topicId, notice),
              UpdateExpression: 'ADD observers :one',
              ConditionExpression: 'attribute_not_exists(observerSeats) OR observers < observerSeats',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          stillNoticed(o.topicId, o.noticeAt),
        ],
      }),
    );
    return 'registered';
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    if (!isConflict(codes)) throw unexpectedCancellation(error);
    if (codes[2] === 'ConditionalCheckFailed') return 'moved';
    if (codes[0] === 'ConditionalCheckFailed') return 'already';
    if (codes[1] === 'ConditionalCheckFailed') return 'full';
    // A collision with another registration's transaction on the counter: read again, try again.
    throw new StaleTopicError(codes);
  }
}

/** AP: an observer withdraws: their item deleted and the seat given back, once. */
export async function unregisterObserver(
  topicId: string,
  notice: NonNullable<Topic['notice']>,
  userId: string,
): Promise<RegisterOutcome | 'gone'> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: observerKey(topicId, notice.at, userId),
              ConditionExpression: 'attribute_exists(PK)',
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: seatsKey(topicId, notice),
              UpdateExpression: 'ADD observers :less',
              ConditionExpression: 'observers > :zero',
              ExpressionAttributeValues: { ':less': -1, ':zero': 0 },
            },
          },
          stillNoticed(topicId, notice.at),
        ],
      }),
    );
    return 'gone';
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    if (!isConflict(codes)) throw unexpectedCancellation(error);
    if (codes[2] === 'ConditionalCheckFailed') return 'moved';
    if (codes[0] === 'ConditionalCheckFailed') return 'already';
    throw new StaleTopicError(codes);
  }
}
