import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isAwaitingClaim, isHeldByClaimant, isOpen } from '../../shared/domain/wish-machine';
import { isOnWall } from '../../shared/domain/wish-view';
import type { Level } from '../../shared/schemas/sla';
import * as z from 'zod';
import { type Contribution, contributionOf } from '../../shared/domain/figures';
import { FigureEvent } from '../../shared/schemas/figures';
import { Wish, WishEvent } from '../../shared/schemas/wishes';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { creditWrites } from './credits';
import { dueKeys } from './due';
import { figureWrites, newWishFigures, transitionFigures, withFigureFacts } from './figures';
import { loadWrites } from './loads';
import { openWishesDecrement, writeLimitRefusal } from './rate-limits';
import { batchGetAll, TryAgain } from './retry';
import { cancellationCodes, cancelledItem, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from './transactions';
import type { Source } from './pagination';

const wishKey = (id: string) => ({ PK: `WISH#${id}`, SK: 'WISH' });
const eventKey = (id: string, seq: number) => ({ PK: `WISH#${id}`, SK: `EVENT#${String(seq).padStart(6, '0')}` });

/** The queue a wish waits in: its grid's, its community's or its street's, by the level it is at. */
export const queueKey = (level: Level, placeId: string) => `QUEUE#${level}#${placeId}`;
const placeAt = (w: Wish) => (w.level === 'grid' ? w.gridId : w.level === 'community' ? w.communityId : w.streetId);
const SLA_RANK = { red: 0, yellow: 1, ok: 2 } as const;

/** Most urgent first: red, then yellow; urgent before normal; more neighbours saying "me too"; then the oldest. */
const priorityKey = (w: Wish) =>
  `${SLA_RANK[w.sla]}${w.urgency === 'urgent' ? 0 : 1}#${String(9999 - Math.min(w.supporters, 9999)).padStart(4, '0')}#${w.createdAt}#${w.id}`;

/**
 * The index entries of a wish follow from its state, so every write puts the whole item and the
 * queues (a staff queue, a team's inbox, a volunteer's claims, the clock's due list) can never
 * disagree with it.
 */
export function wishIndexKeys(w: Wish): Record<string, string> {
  const keys: Record<string, string> = {
    GSI1PK: `OWNER#${w.ownerId}`,
    GSI1SK: `${w.createdAt}#${w.id}`,
    ...dueKeys(w.dueAt, 'wish', w.id),
  };
  if (isAwaitingClaim(w.status) && w.teamId) {
    // Urgent first, then the longest waiting since routed (or released).
    Object.assign(keys, {
      GSI2PK: `OPEN#TEAM#${w.teamId}`,
      GSI2SK: `${w.urgency === 'urgent' ? 0 : 1}#${w.routedAt ?? w.createdAt}#${w.id}`,
    });
  } else if (isOnWall(w)) {
    Object.assign(keys, { GSI2PK: `WALL#${w.communityId}`, GSI2SK: `${w.updatedAt}#${w.id}` });
  }
  if (w.claimantId) {
    // Active claims first, then finished ones.
    Object.assign(keys, { GSI3PK: `CLAIMANT#${w.claimantId}`, GSI3SK: `${isHeldByClaimant(w.status) ? 'A' : 'Z'}#${w.updatedAt}#${w.id}` });
  }
  if (isOpen(w.status)) {
    const queue = queueKey(w.level, placeAt(w));
    // While the residents' council holds it, it waits for the council, not in a triage queue.
    if (!w.council?.paused) Object.assign(keys, { GSI5PK: queue, GSI5SK: `${w.createdAt}#${w.id}`, GSI6PK: queue, GSI6SK: priorityKey(w) });
    if (w.shared) Object.assign(keys, { GSI7PK: `SAME#${w.buildingId}#${w.category}`, GSI7SK: `${w.createdAt}#${w.id}` });
  }
  return keys;
}

const wishItem = (w: Wish) => ({ ...wishKey(w.id), type: 'wish', ...w, ...wishIndexKeys(w) });
const eventPut = (wishId: string, e: WishEvent) => ({
  Put: {
    TableName: tableName(),
    Item: { ...eventKey(wishId, e.seq), type: 'wishEvent', wishId, ...e },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** AP: get a wish by id. */
export async function getWish(id: string): Promise<Wish | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: wishKey(id), ConsistentRead: true }));
  return out.Item ? Wish.parse(out.Item) : null;
}

/** AP: some wishes by id (a page of a figure's drill-down), in the order asked; one gone is left out. */
export async function getWishes(ids: readonly string[]): Promise<Wish[]> {
  const found = new Map((await batchGetAll(ids.map(wishKey))).map((item) => [String(item.id), Wish.parse(item)]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** AP: a wish's timeline, oldest first (Query `WISH#id`, SK begins EVENT#), read with the wish itself. */
export async function getWishWithTimeline(id: string): Promise<{ wish: Wish; timeline: WishEvent[] } | null> {
  const timeline: WishEvent[] = [];
  const events = async () => {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': wishKey(id).PK, ':prefix': 'EVENT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      timeline.push(...(out.Items ?? []).map((item) => WishEvent.parse(item)));
      start = out.LastEvaluatedKey;
    } while (start);
  };
  const [wish] = await Promise.all([getWish(id), events()]);
  return wish ? { wish, timeline } : null;
}

/** A wish with everything its partition holds: the timeline, what its figures last counted, and who supports it. */
export interface WishPartition {
  wish: Wish;
  timeline: WishEvent[];
  /** The figure state transitionFigures would read (saveTransition takes it instead of reading again). */
  figures: { timeline: FigureEvent[]; counted: Contribution | null };
  supporters: Set<string>;
  /** How many times time moved the wish's clock at this version (refreshClock): a write on it holds this too. */
  clockRev: number | null;
  /** The items as stored, for a viewer to hand back sealed (functions/wishes/seen.ts). */
  items: readonly Record<string, unknown>[];
}

const CountedItem = z.object({ contribution: z.custom<Contribution>((v) => typeof v === 'object' && v !== null) });
const ClockRev = z.object({ clockRev: z.number().int().optional() });

/**
 * AP: a wish, its timeline, its figure record and its supporters in ONE consistent Query of its partition
 * (`WISH#id`: EVENT#…, FIGURES, SUPPORTER#…, WISH), for a write that must know the wish to decide (a claim, 我也遇到)
 * and for the wish's page.
 */
export async function getWishPartition(id: string): Promise<WishPartition | null> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': wishKey(id).PK },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return partitionOf(id, items);
}

/** The partition of wish `id` from its items as stored (a Query's, or a viewer's sealed copy of them), parsed. */
export function partitionOf(id: string, items: readonly Record<string, unknown>[]): WishPartition | null {
  let wish: Wish | null = null;
  let clockRev: number | null = null;
  const timeline: WishEvent[] = [];
  const figureTimeline: FigureEvent[] = [];
  let counted: Contribution | null = null;
  const supporters = new Set<string>();
  for (const item of items) {
    if (item.PK !== wishKey(id).PK) return null;
    const sk = String(item.SK);
    if (sk === 'WISH') {
      wish = Wish.parse(item);
      clockRev = ClockRev.parse(item).clockRev ?? null;
    } else if (sk === 'FIGURES') counted = CountedItem.parse(item).contribution;
    else if (sk.startsWith('SUPPORTER#')) supporters.add(sk.slice('SUPPORTER#'.length));
    else if (sk.startsWith('EVENT#')) {
      timeline.push(WishEvent.parse(item));
      figureTimeline.push(FigureEvent.parse(item));
    }
  }
  return wish ? { wish, timeline, figures: { timeline: figureTimeline, counted }, supporters, clockRev, items } : null;
}

/** Events of this wish that other items of the same transaction write (as transitionFigures counts them). */
const eventsAmong = (items: readonly TransactItem[], wishId: string): FigureEvent[] =>
  items.flatMap((i) => {
    const item = i.Put?.Item;
    return item && item.PK === `WISH#${wishId}` && item.type === 'wishEvent' ? [FigureEvent.parse(item)] : [];
  });

/** transitionFigures over a figure state already read (getWishPartition), with no read of its own. */
function figuresFromState(state: WishPartition['figures'], previous: Wish, wish: Wish, event: FigureEvent, extra: readonly TransactItem[]) {
  const before = state.timeline.filter((e) => e.seq <= previous.version);
  return figureWrites(state.counted, contributionOf(wish, [...before, event, ...eventsAmong(extra, wish.id)]));
}

/**
 * Puts a new wish with its first events, plus any extra guarded items (limits, an idempotency record,
 * notifications), and last its figures (counters, lists: functions/data/figures.ts), atomically.
 */
export async function createWish(wish: Wish, events: WishEvent[], extra: TransactItem[] = []) {
  await writeNewWish(newWishWrites(wish, events, extra));
}

/** The items of createWish's transaction, in order: the wish, its events, `extra`, its figures (a caller reads reasons by position). */
export function newWishWrites(wish: Wish, events: WishEvent[], extra: TransactItem[] = []): TransactItem[] {
  const figures = newWishFigures(wish, events);
  return [
    { Put: { TableName: tableName(), Item: wishItem(wish), ConditionExpression: 'attribute_not_exists(PK)' } },
    ...figures.events.map((e) => eventPut(wish.id, e)),
    ...extra,
    ...figures.items,
  ];
}

/** AP: a new wish's one TransactWriteItems (newWishWrites); a cancellation is the caller's to read. */
export async function writeNewWish(items: TransactItem[]): Promise<void> {
  await db().send(new TransactWriteCommand({ TransactItems: items }));
}

/** The wish changed since it was read: the caller reads it again and decides again (optimistic in retry.ts). */
export class StaleWishError extends TryAgain {
  constructor(
    readonly reasons: string[],
    /** The wish as the refusal found it (ALL_OLD), when its version was what failed: decide on it without a read. */
    readonly current: Wish | null = null,
  ) {
    super('the wish changed since it was read');
  }
}

/** A claim refused by the team's or the volunteer's cap on open claims. */
export class ClaimLimitError extends Error {}

export interface TransitionWrite {
  previous: Wish;
  wish: Wish;
  event: WishEvent;
  /** Caps to hold when the claimant gains an open claim (a claim); none for other changes. */
  caps?: { teamCap: number; memberCap: number };
  /** More items of the same transaction: notifications, another wish (a merge), the write-limit count. */
  extra?: TransactItem[];
  /** The figure state as read with the wish (getWishPartition): then no read here. */
  figureState?: WishPartition['figures'];
  /** The clock stamp read with the wish (getWishPartition): the write also fails if time moved its clock since. */
  clockRev?: number | null;
}

/**
 * Saves a transition only if nobody changed the wish since `previous` was read, with its event, the
 * owner's open-wish count when it ends, the team's and the volunteer's open-claim counts, and the extra
 * items; last, the figures it changes (the wish recounted over its timeline: functions/data/figures.ts) and the
 * credit a confirmed task earns its volunteer. The load item is read by position: its condition failing is a
 * cap, not a race. A conflict on the wish is a StaleWishError (re-read and decide again); any other
 * cancellation is not a stale read.
 */
export async function saveTransition({
  previous,
  wish,
  event: bare,
  caps,
  extra = [],
  figureState,
  clockRev,
}: TransitionWrite): Promise<void> {
  const ends = isOpen(previous.status) && !isOpen(wish.status);
  const loads = loadWrites(previous, wish, caps);
  const event = withFigureFacts(previous, wish, bare);
  const [figures, credit] = await Promise.all([
    figureState ? figuresFromState(figureState, previous, wish, event, extra) : transitionFigures(previous, wish, event, extra),
    creditWrites(previous, wish, event.at),
  ]);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: wishItem(wish),
        ...versionCondition(previous.version, clockRev),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    eventPut(wish.id, event),
    ...loads.items,
    ...(ends ? [openWishesDecrement(wish.ownerId)] : []),
    ...extra,
    ...figures,
    ...credit,
  ];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!isCancelled(error)) throw error;
    // Past the write limit (a route counting it in this transaction) the answer is 429 whatever else failed.
    const limited = writeLimitRefusal(error, items, new Date(event.at));
    if (limited) throw limited;
    const codes = cancellationCodes(error);
    if (loads.cappedAt !== null && codes[0] === 'None' && codes[2 + loads.cappedAt] === 'ConditionalCheckFailed')
      throw new ClaimLimitError();
    if (!isRace(codes)) throw unexpectedCancellation(error);
    const found = codes[0] === 'ConditionalCheckFailed' ? cancelledItem(error, 0) : undefined;
    throw new StaleWishError(codes, found ? Wish.parse(found) : null);
  }
}

/** The wish is still at `version` and, when known, time has not moved its clock since it was read (refreshClock). */
function versionCondition(version: number, clockRev: number | null | undefined) {
  if (clockRev === undefined) return { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } };
  if (clockRev === null)
    return { ConditionExpression: 'version = :v AND attribute_not_exists(clockRev)', ExpressionAttributeValues: { ':v': version } };
  return { ConditionExpression: 'version = :v AND clockRev = :cr', ExpressionAttributeValues: { ':v': version, ':cr': clockRev } };
}

/** A conflict that a re-read settles; the event's own condition failing alone would mean a stored event ahead of the wish. */
const isRace = (codes: readonly string[]) =>
  isConflict(codes) && !(codes[1] === 'ConditionalCheckFailed' && codes.filter((c) => c !== 'None').length === 1);

/**
 * Brings a wish's clock fields (state, deadline, next due time, runs escalated or warned) and the index
 * entries that follow from them up to date without a new version: nothing happened to the wish, time
 * passed. With `extra` (a notification) in the same transaction. False when the wish changed meanwhile.
 */
export async function refreshClock(previous: Wish, w: Wish, extra: TransactItem[] = []): Promise<boolean> {
  const keys = wishIndexKeys(w);
  const drop = ['GSI4PK', 'GSI4SK'].filter((k) => !(k in keys));
  const fields = {
    sla: w.sla,
    deadline: w.deadline,
    dueAt: w.dueAt,
    escalated: w.escalated,
    ...Object.fromEntries(Object.entries(keys).filter(([k]) => /^GSI[46]/.test(k))),
  };
  const update: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: wishKey(w.id),
      // clockRev: a write decided on a copy read before this (a viewer's sealed one) must not undo it.
      UpdateExpression: `SET ${Object.keys(fields)
        .map((k) => `#${k} = :${k}`)
        .join(', ')}, clockRev = if_not_exists(clockRev, :zero) + :one${drop.length ? ` REMOVE ${drop.join(', ')}` : ''}`,
      ConditionExpression: 'version = :v',
      ExpressionAttributeNames: Object.fromEntries(Object.keys(fields).map((k) => [`#${k}`, k])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`:${k}`, v])),
        ':v': previous.version,
        ':zero': 0,
        ':one': 1,
      },
    },
  };
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [update, ...extra] }));
    return true;
  } catch (error) {
    if (isCancelled(error) && isConflict(cancellationCodes(error))) return false;
    throw isCancelled(error) ? unexpectedCancellation(error) : error;
  }
}

/** The guarded Put of another wish in the same transaction (the target of a merge). */
export const wishPutIfUnchanged = (previousVersion: number, w: Wish): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: wishItem(w),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': previousVersion },
  },
});
export const wishEventPut = eventPut;

const wishSource = (
  index: Source<Wish>['index'],
  partitions: string[],
  forward: boolean,
  filter?: Source<Wish>['filter'],
): Source<Wish> => ({
  index,
  partitions,
  forward,
  item: Wish,
  ...(filter ? { filter } : {}),
});

/** AP: a resident's wishes, newest first (GSI1 OWNER#user). */
export const byOwner = (userId: string) => wishSource(INDEX.gsi1, [`OWNER#${userId}`], false);
/** AP: open wishes in some queues (QUEUE#<level>#<place>), oldest first (GSI5) or most urgent first (GSI6), filtered. */
export const inQueues = (queues: string[], order: 'oldest' | 'urgent', filter?: Source<Wish>['filter']) =>
  wishSource(order === 'oldest' ? INDEX.gsi5 : INDEX.gsi6, queues, true, filter);
/** AP: wishes routed to some teams and not claimed, urgent then longest waiting (GSI2 OPEN#TEAM#team). */
export const openForTeams = (teamIds: string[]) =>
  wishSource(
    INDEX.gsi2,
    teamIds.map((t) => `OPEN#TEAM#${t}`),
    true,
  );
/** AP: a volunteer's claims, active first (GSI3 CLAIMANT#user). */
export const claimsOf = (userId: string) => wishSource(INDEX.gsi3, [`CLAIMANT#${userId}`], true);
/** AP: a community's fulfilled wishes, newest first, for the public wall (GSI2 WALL#community). */
export const wallOf = (communityId: string) => wishSource(INDEX.gsi2, [`WALL#${communityId}`], false);
/** AP: open wishes about a shared place of one building and category, newest first (GSI7 SAME#building#category). */
export const sameAs = (buildingId: string, category: string) => wishSource(INDEX.gsi7, [`SAME#${buildingId}#${category}`], false);
