import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Objection, Opinion, Topic, TopicEvent, type CouncilStep, type CouncilTask } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import { slotOwner } from '../booking/slots';
import { db, INDEX } from '../db';
import { dueKeys } from '../due';
import type { Source } from '../pagination';
import { TryAgain } from '../retry';
import { cancellationCodes, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from '../transactions';
import { parseTask, TASK_PREFIX } from './tasks';

/**
 * A council topic lives in its own partition `TOPIC#<id>`: the topic item, its events (one per move, `EVENT#<seq>`,
 * seq = the version it produced), its opinions, objections and tasks. Listed per community, newest first (GSI1
 * `TOPICS#<community>`), and per community and step (GSI2 `TOPICS#<community>#<step>`); due for the clock on GSI4.
 * Supports are items of their own partition `TOPICSUP#<id>`, one per person, and a counter on the topic raised
 * with ADD in the same transaction: many residents support at once, so no version is read or checked for it, and
 * no other write of the topic ever puts the whole item (which would write back a stale count).
 */
export const topicKey = (id: string) => ({ PK: `TOPIC#${id}`, SK: 'TOPIC' });
const eventKey = (id: string, seq: number) => ({ PK: `TOPIC#${id}`, SK: `EVENT#${String(seq).padStart(6, '0')}` });
const opinionKey = (o: Pick<Opinion, 'topicId' | 'at' | 'id'>) => ({ PK: `TOPIC#${o.topicId}`, SK: `OPINION#${o.at}#${o.id}` });
const objectionKey = (topicId: string, id: string) => ({ PK: `TOPIC#${topicId}`, SK: `OBJECTION#${id}` });
const supporterKey = (topicId: string, userId: string) => ({ PK: `TOPICSUP#${topicId}`, SK: `USER#${userId}` });
/** The council's hold of a room slot, beside the slot's bookings (not one: no resident, no quota, no no-show). */
const roomHoldKey = (slotId: string, topicId: string) => ({ PK: slotOwner(slotId), SK: `COUNCIL#${topicId}` });

function topicIndexKeys(t: Topic): Record<string, string> {
  return {
    GSI1PK: `TOPICS#${t.communityId}`,
    GSI1SK: `${t.createdAt}#${t.id}`,
    GSI2PK: `TOPICS#${t.communityId}#${t.step}`,
    GSI2SK: `${t.createdAt}#${t.id}`,
    ...dueKeys(t.dueAt, 'council', t.id),
  };
}

/** AP: a topic (to act on it), consistent. */
export async function getTopic(id: string): Promise<Topic | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: topicKey(id), ConsistentRead: true }));
  return out.Item ? Topic.parse(out.Item) : null;
}

export interface TopicWithChildren {
  topic: Topic;
  events: TopicEvent[];
  opinions: Opinion[];
  objections: Objection[];
  tasks: CouncilTask[];
}

/** AP: a topic with its events, opinions, objections and tasks (Query `TOPIC#id`, consistent, every page). */
export async function topicWithChildren(id: string): Promise<TopicWithChildren | null> {
  const found: Omit<TopicWithChildren, 'topic'> & { topic: Topic | null } = {
    topic: null,
    events: [],
    opinions: [],
    objections: [],
    tasks: [],
  };
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': topicKey(id).PK },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const sk = String(item.SK);
      if (sk === 'TOPIC') found.topic = Topic.parse(item);
      else if (sk.startsWith('EVENT#')) found.events.push(TopicEvent.parse(item));
      else if (sk.startsWith('OPINION#')) found.opinions.push(Opinion.parse(item));
      else if (sk.startsWith('OBJECTION#')) found.objections.push(Objection.parse(item));
      else if (sk.startsWith(TASK_PREFIX)) found.tasks.push(parseTask(item));
    }
    start = out.LastEvaluatedKey;
  } while (start);
  if (!found.topic) return null;
  found.objections.sort((a, b) => a.at.localeCompare(b.at));
  return { ...found, topic: found.topic };
}

const eventPut = (e: TopicEvent, topicId: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...eventKey(topicId, e.seq), type: 'topicEvent', topicId, ...e },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/**
 * AP: a new topic and its first event, with the extra items (an Idempotency-Key's record, the wishes it raises and
 * their events, notifications) in one transaction. A conflict is a StaleTopicError carrying the codes by position
 * ([0] the topic, [1] its event, then the extra items), for the caller to read (a key used meanwhile: a replay).
 */
export async function createTopic(t: Topic, first: TopicEvent, extra: TransactItem[]): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...topicKey(t.id), type: 'topic', ...t, ...topicIndexKeys(t) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    eventPut(first, t.id),
    ...extra,
  ];
  if (items.length > 100) throw new Error(`a topic transaction of ${items.length} items is over DynamoDB's 100`);
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    throw isConflict(codes) ? new StaleTopicError(codes) : unexpectedCancellation(error);
  }
}

/** Every field but the support counter, with the index entries that follow from them. */
function setFields(
  next: Topic,
  fields: Partial<Topic>,
): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const keys = topicIndexKeys(next);
  const set: Record<string, unknown> = { ...fields, ...keys };
  delete set.supporters;
  delete set.id;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = Object.entries(set).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  const drop = ['GSI4PK', 'GSI4SK'].filter((k) => !(k in keys));
  return { expression: `SET ${parts.join(', ')}${drop.length ? ` REMOVE ${drop.join(', ')}` : ''}`, names, values };
}

const topicUpdate = (previous: Topic, next: Topic, fields: Partial<Topic>): TransactItem => {
  const { expression, names, values } = setFields(next, fields);
  return {
    Update: {
      TableName: tableName(),
      Key: topicKey(next.id),
      UpdateExpression: expression,
      ConditionExpression: 'version = :v',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':v': previous.version },
    },
  };
};

/**
 * A move of a topic as items of another write's transaction (a wish's transition, which must carry its own
 * figures): the topic's update if `version = :read`, and its event.
 */
export const topicMoveItems = (previous: Topic, next: Topic, event: TopicEvent): TransactItem[] => [
  topicUpdate(previous, next, { ...next }),
  eventPut(event, next.id),
];

/** The topic changed since it was read (or a wish of the same transaction did): read again, decide again. */
export class StaleTopicError extends TryAgain {
  constructor(readonly codes: string[]) {
    super(`the topic changed since it was read: ${codes.join(', ')}`);
  }
}

export interface TopicWrite {
  previous: Topic;
  next: Topic;
  event: TopicEvent;
  /** More items of the same transaction, after the topic [0] and its event [1]: wishes, a task, a room slot, notifications. */
  extra?: TransactItem[];
  /** What a refusal of an extra item means (by position in the whole transaction); null: a race, read again. */
  refused?: (codes: readonly string[]) => Error | null;
}

/**
 * AP: a move of a topic and its event, only if nobody moved it since it was read (`version`), with the extra
 * items. A conflict is a StaleTopicError (optimistic reads again); a refused extra item is what `refused` says.
 */
export async function saveTopic({ previous, next, event, extra = [], refused }: TopicWrite): Promise<void> {
  const items = [...topicMoveItems(previous, next, event), ...extra];
  if (items.length > 100) throw new Error(`a topic transaction of ${items.length} items is over DynamoDB's 100`);
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    if (!isConflict(codes)) throw unexpectedCancellation(error);
    const answer = codes[0] === 'None' ? (refused?.(codes) ?? null) : null;
    throw answer ?? new StaleTopicError(codes);
  }
}

/**
 * AP: the clock's marks on a topic (its due time, a reminder sent) without a new version: nothing happened to
 * the topic, time passed. With `extra` (notifications) in the same transaction. False when it changed meanwhile.
 */
export async function refreshTopic(previous: Topic, fields: Partial<Topic>, extra: TransactItem[] = []): Promise<boolean> {
  const next = { ...previous, ...fields };
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [topicUpdate(previous, next, fields), ...extra] }));
    return true;
  } catch (error) {
    if (isCancelled(error) && isConflict(cancellationCodes(error))) return false;
    throw isCancelled(error) ? unexpectedCancellation(error) : error;
  }
}

export const TopicSupport = z.object({
  topicId: z.string(),
  userId: z.string(),
  at: z.string(),
  /** A grid worker or staff member who supported for the resident, with consent. */
  filedBy: z.object({ userId: z.string(), name: z.string(), consentAt: z.string() }).nullable(),
});
export type TopicSupport = z.infer<typeof TopicSupport>;

/**
 * AP: one support, once per person, counted: the supporter item (`attribute_not_exists`) and `ADD supporters 1`
 * on the topic while it is still collecting, in one transaction and without a version: many supports at once
 * each count once, and none meets a version race.
 */
export async function addSupport(s: TopicSupport): Promise<'counted' | 'already' | 'not_collecting'> {
  const collecting: CouncilStep = 'collecting';
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...supporterKey(s.topicId, s.userId), type: 'topicSupport', ...s },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: topicKey(s.topicId),
              UpdateExpression: 'ADD supporters :one',
              ConditionExpression: '#step = :collecting',
              ExpressionAttributeNames: { '#step': 'step' },
              ExpressionAttributeValues: { ':one': 1, ':collecting': collecting },
            },
          },
        ],
      }),
    );
    return 'counted';
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    if (!isConflict(codes)) throw unexpectedCancellation(error);
    // A collision with another supporter's transaction on the counter is a race: read again, try again.
    if (codes[0] === 'ConditionalCheckFailed') return 'already';
    if (codes[1] === 'ConditionalCheckFailed') return 'not_collecting';
    throw new StaleTopicError(codes);
  }
}

/** AP: whether a user supports a topic. */
export async function isTopicSupporter(topicId: string, userId: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: supporterKey(topicId, userId), ConsistentRead: true }));
  return !!out.Item;
}

/** AP: the supporters of a topic, oldest key first (Query `TOPICSUP#id`): the count on the topic can be checked against them. */
export const supportersOf = (topicId: string): Source<TopicSupport> => ({
  index: 'table',
  partitions: [`TOPICSUP#${topicId}`],
  forward: true,
  item: TopicSupport,
});

/** AP: an opinion, its own item beside the topic (opinions never change, so no version), with its notifications. */
export async function addOpinion(o: Opinion, extra: TransactItem[] = []): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...opinionKey(o), type: 'opinion', ...o },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...extra,
      ],
    }),
  );
}

/** AP: an objection to a published result, with the notifications to staff. */
export async function addObjection(o: Objection, extra: TransactItem[] = []): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...objectionKey(o.topicId, o.id), type: 'objection', ...o },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...extra,
      ],
    }),
  );
}

/** AP: one objection (to answer it). */
export async function getObjection(topicId: string, id: string): Promise<Objection | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: objectionKey(topicId, id), ConsistentRead: true }));
  return out.Item ? Objection.parse(out.Item) : null;
}

/** AP: the answer to an objection, once: false if it was answered meanwhile. With the notification to the resident. */
export async function answerObjection(o: Objection, extra: TransactItem[] = []): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: objectionKey(o.topicId, o.id),
              UpdateExpression: 'SET answer = :answer',
              ConditionExpression: 'attribute_exists(PK) AND attribute_type(answer, :null)',
              ExpressionAttributeValues: { ':answer': o.answer, ':null': 'NULL' },
            },
          },
          ...extra,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isCancelled(error) && cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** The council's hold of a room slot, once per topic and slot, beside the slot's seat count in the same transaction, with its observers' seats. */
export const roomHoldPut = (slotId: string, topicId: string, title: string, at: string, observerSeats: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    // The seats residents may take as observers, counted here (data/council/observers.ts).
    Item: { ...roomHoldKey(slotId, topicId), type: 'councilRoomHold', slotId, topicId, title, at, observerSeats, observers: 0 },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** AP: a community's topics, newest first (GSI1 `TOPICS#<community>` per community, merged). */
export const topicsOf = (communityIds: readonly string[]): Source<Topic> => ({
  index: INDEX.gsi1,
  partitions: communityIds.map((c) => `TOPICS#${c}`),
  forward: false,
  item: Topic,
});

/** AP: a community's topics at one step, newest first (GSI2 `TOPICS#<community>#<step>`). */
export const topicsInStep = (communityIds: readonly string[], step: CouncilStep): Source<Topic> => ({
  index: INDEX.gsi2,
  partitions: communityIds.map((c) => `TOPICS#${c}#${step}`),
  forward: false,
  item: Topic,
});
