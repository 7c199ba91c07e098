import { GetCommand, PutCommand, QueryCommand, DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type CellChange,
  type Contribution,
  changeBetween,
  contributionOf,
  figureFacts,
  isTallyKey,
  type ListName,
  type Mark,
  type Tally,
} from '../../shared/domain/figures';
import { FigureEvent } from '../../shared/schemas/figures';
import { type Wish, type WishEvent, Wish as WishSchema } from '../../shared/schemas/wishes';
import { tableName } from '../config';
import { db, INDEX } from './db';
import type { Source } from './pagination';
import { optimistic } from './retry';
import type { TransactItem } from './transactions';

/**
 * Figures per grid and per team (issue 15): counters per scope and month, changed with ADD in the transaction of
 * the event that changes them, and per figure and part a list of the wishes behind it, so reading a figure is a
 * few items and every number opens to its wishes. Nothing else writes them: no route edits a figure.
 *
 * - counter `FIGURES#<grid|team>#<id>` / `<yyyy-mm>`: one attribute per numerator, denominator and count. A
 *   grid's also sits on GSI1 `FIGURES#community#<id>` / `<month>#<grid>` and GSI2 `FIGURES#street#<id>` /
 *   `<month>#<community>#<grid>`: a community's or street's figure is the sum of its grids, read in one Query.
 *   GSI3 `FIGMONTH#<month>` lists every counter of a month (the rebuild).
 * - list entry `FIGLIST#<grid|team>#<id>#<month>#<figure>#<n|m>` / `<createdAt>#<wishId>` (n: in the numerator,
 *   m: in the denominator only), and `FIGLIST#…#<month>#c_<count>#n` for the wishes a count counts; a grid's also
 *   on GSI1 and GSI2 under its community's and street's names.
 * - what a wish was last counted as, `WISH#<id>` / `FIGURES`, in the wish's own partition (read with its
 *   timeline in one Query), on GSI1 `FIGWISH#<month>` / `<createdAt>#<id>`: the month's wishes, for the rebuild.
 */

export type CellScope = 'grid' | 'team';
type Parent = { communityId: string; streetId: string };

const counterKey = (scope: CellScope, id: string, month: string) => ({ PK: `FIGURES#${scope}#${id}`, SK: month });
const listPk = (scope: string, id: string, month: string, figure: ListName, part: 'n' | 'm') =>
  `FIGLIST#${scope}#${id}#${month}#${figure}#${part}`;
const countedKey = (wishId: string) => ({ PK: `WISH#${wishId}`, SK: 'FIGURES' });

/** The attributes a grid's items carry so that its community and street find them (GSI1, GSI2). */
const gridIndexes = (kind: 'FIGURES' | 'FIGLIST', gridId: string, p: Parent, rest: string, sk: string) => ({
  GSI1PK: `${kind}#community#${p.communityId}${rest}`,
  GSI1SK: kind === 'FIGURES' ? `${sk}#${gridId}` : sk,
  GSI2PK: `${kind}#street#${p.streetId}${rest}`,
  GSI2SK: kind === 'FIGURES' ? `${sk}#${p.communityId}#${gridId}` : sk,
});

function counterUpdate(change: CellChange, month: string, p: Parent): TransactItem | null {
  const adds = Object.entries(change.add).filter(([, v]) => v);
  if (!adds.length) return null;
  const keys = {
    type: 'figures',
    scope: change.scope,
    cellId: change.id,
    month,
    ...(change.scope === 'grid'
      ? { communityId: p.communityId, streetId: p.streetId, ...gridIndexes('FIGURES', change.id, p, '', month) }
      : {}),
    GSI3PK: `FIGMONTH#${month}`,
    GSI3SK: `${change.scope}#${change.id}`,
  };
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(change.scope, change.id, month),
      UpdateExpression: `ADD ${adds.map((_, i) => `#a${i} :a${i}`).join(', ')} SET ${Object.keys(keys)
        .map((_, i) => `#k${i} = :k${i}`)
        .join(', ')}`,
      ExpressionAttributeNames: {
        ...Object.fromEntries(adds.map(([k], i) => [`#a${i}`, k])),
        ...Object.fromEntries(Object.keys(keys).map((k, i) => [`#k${i}`, k])),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(adds.map(([, v], i) => [`:a${i}`, v])),
        ...Object.fromEntries(Object.values(keys).map((v, i) => [`:k${i}`, v])),
      },
    },
  };
}

const splitMark = (m: Mark) => m.split(':') as [ListName, 'n' | 'm'];

function listItem(scope: CellScope, id: string, c: Contribution, mark: Mark) {
  const [figure, part] = splitMark(mark);
  const rest = `#${c.month}#${figure}#${part}`;
  const sk = `${c.createdAt}#${c.wishId}`;
  return {
    PK: listPk(scope, id, c.month, figure, part),
    SK: sk,
    type: 'figureEntry',
    wishId: c.wishId,
    ...(scope === 'grid' ? gridIndexes('FIGLIST', id, c, rest, sk) : {}),
  };
}

/** The counted contribution as stored: what the next change is measured against, and the month's index for the rebuild. */
const countedPut = (c: Contribution): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...countedKey(c.wishId),
      type: 'figuresCounted',
      contribution: c,
      GSI1PK: `FIGWISH#${c.month}`,
      GSI1SK: `${c.createdAt}#${c.wishId}`,
    },
  },
});

/**
 * The items that move a wish's counting from `before` (what it was counted as; null: never) to `after`: an ADD
 * per counter that changes, a Put or Delete per list entry, and the new record of what is counted. For the
 * transaction of the event that changes them.
 */
export function figureWrites(before: Contribution | null, after: Contribution): TransactItem[] {
  const items: TransactItem[] = [];
  for (const change of changeBetween(before, after)) {
    const update = counterUpdate(change, after.month, after);
    if (update) items.push(update);
    for (const m of change.put) items.push({ Put: { TableName: tableName(), Item: listItem(change.scope, change.id, after, m) } });
    for (const m of change.drop) {
      const { PK, SK } = listItem(change.scope, change.id, after, m);
      items.push({ Delete: { TableName: tableName(), Key: { PK, SK } } });
    }
  }
  items.push(countedPut(after));
  return items;
}

/**
 * The events the data layer writes, with the facts the figures read recorded on them (shared/domain/figures.ts);
 * an event that already carries them (one replayed step by step, the demo history) keeps its own.
 */
export const withFigureFacts = <E extends WishEvent>(previous: Wish | null, wish: Wish, event: E): E => ({
  ...figureFacts(previous, wish, event),
  ...event,
});

/** The first events of a new wish, with their facts (a route at submission names its team; the submission none). */
export function newWishFigures(wish: Wish, events: WishEvent[]): { events: WishEvent[]; items: TransactItem[] } {
  const stored = events.map((e) => withFigureFacts(null, wish, e));
  return { events: stored, items: figureWrites(null, contributionOf(wish, stored)) };
}

const Counted = z.object({ contribution: z.custom<Contribution>((v) => typeof v === 'object' && v !== null) });

/**
 * AP: a wish's timeline up to a version and what it was last counted as, in one consistent Query of its
 * partition (`EVENT#…` to `FIGURES`).
 */
export async function figureStateOf(wishId: string, upToSeq: number): Promise<{ timeline: FigureEvent[]; counted: Contribution | null }> {
  const timeline: FigureEvent[] = [];
  let counted: Contribution | null = null;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': countedKey(wishId).PK, ':from': 'EVENT#', ':to': 'FIGURES' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.SK === 'FIGURES') counted = Counted.parse(item).contribution;
      else {
        const e = FigureEvent.parse(item);
        if (e.seq <= upToSeq) timeline.push(e);
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { timeline, counted };
}

/**
 * AP: a wish, its whole timeline and what it was last counted as, in one consistent Query of its partition (the
 * rebuild).
 */
export async function wishForFigures(
  wishId: string,
): Promise<{ wish: Wish; timeline: FigureEvent[]; counted: Contribution | null } | null> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': countedKey(wishId).PK },
    ConsistentRead: true,
  });
  const found = items.find((i) => i.SK === 'WISH');
  if (!found) return null;
  const counted = items.find((i) => i.SK === 'FIGURES');
  return {
    wish: WishSchema.parse(found),
    timeline: items.filter((i) => String(i.SK).startsWith('EVENT#')).map((i) => FigureEvent.parse(i)),
    counted: counted ? Counted.parse(counted).contribution : null,
  };
}

/** Events of this wish that other items of the same transaction write (a send-back that follows a lapsed lease). */
function eventsAmong(items: readonly TransactItem[], wishId: string): FigureEvent[] {
  return items.flatMap((i) => {
    const item = i.Put?.Item;
    return item && item.PK === `WISH#${wishId}` && item.type === 'wishEvent' ? [FigureEvent.parse(item)] : [];
  });
}

/** The figure items of a transition: its wish recounted over its timeline with the new events, against what was counted. */
export async function transitionFigures(
  previous: Wish,
  wish: Wish,
  event: FigureEvent,
  extra: readonly TransactItem[],
): Promise<TransactItem[]> {
  const { timeline, counted } = await figureStateOf(wish.id, previous.version);
  const after = contributionOf(wish, [...timeline, event, ...eventsAmong(extra, wish.id)]);
  return figureWrites(counted, after);
}

/**
 * The figure items of several wishes moving in one transaction (the council raising or giving back its wishes):
 * each wish recounted as transitionFigures does, with the counters of one grid or team and month changed by one
 * ADD of the summed deltas (a transaction may touch an item once). Events must carry their facts (withFigureFacts).
 */
export async function transitionsFigures(moves: readonly { previous: Wish; wish: Wish; event: FigureEvent }[]): Promise<TransactItem[]> {
  const pairs = await Promise.all(
    moves.map(async ({ previous, wish, event }) => {
      const { timeline, counted } = await figureStateOf(wish.id, previous.version);
      return { before: counted, after: contributionOf(wish, [...timeline, event]) };
    }),
  );
  const counters = new Map<string, { change: CellChange; after: Contribution }>();
  const items: TransactItem[] = [];
  for (const { before, after } of pairs) {
    for (const change of changeBetween(before, after)) {
      const key = `${change.scope}#${change.id}#${after.month}`;
      const seen = counters.get(key);
      if (seen) {
        for (const [k, v] of Object.entries(change.add) as [keyof Tally, number][]) seen.change.add[k] = (seen.change.add[k] ?? 0) + v;
      } else counters.set(key, { change: { ...change, add: { ...change.add } }, after });
      for (const m of change.put) items.push({ Put: { TableName: tableName(), Item: listItem(change.scope, change.id, after, m) } });
      for (const m of change.drop) {
        const { PK, SK } = listItem(change.scope, change.id, after, m);
        items.push({ Delete: { TableName: tableName(), Key: { PK, SK } } });
      }
    }
    items.push(countedPut(after));
  }
  for (const { change, after } of counters.values()) {
    const update = counterUpdate(change, after.month, after);
    if (update) items.push(update);
  }
  return items;
}

const CounterItem = z.looseObject({ scope: z.enum(['grid', 'team']), cellId: z.string(), month: z.string() });
export interface CounterRow {
  scope: CellScope;
  id: string;
  month: string;
  communityId?: string;
  streetId?: string;
  tally: Tally;
}
function counterRow(item: Record<string, unknown>): CounterRow {
  const c = CounterItem.parse(item);
  const tally: Tally = {};
  for (const [k, v] of Object.entries(item)) if (isTallyKey(k) && typeof v === 'number' && v !== 0) tally[k] = v;
  return {
    scope: c.scope,
    id: c.cellId,
    month: c.month,
    tally,
    ...(typeof item.communityId === 'string' ? { communityId: item.communityId } : {}),
  };
}

async function queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** AP: the counters of one grid or team for some months, oldest first (Query `FIGURES#scope#id`, SK between). */
export async function cellCounters(scope: CellScope, id: string, from: string, to: string): Promise<CounterRow[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': counterKey(scope, id, from).PK, ':from': from, ':to': to },
  });
  return items.map(counterRow);
}

/**
 * AP: the counters of every grid of a community (GSI1) or of a street (GSI2) for some months, in one Query:
 * `FIGURES#community#id` / `FIGURES#street#id`, SK between `<from>` and `<to>~`.
 */
export async function gridCountersIn(scope: 'community' | 'street', id: string, from: string, to: string): Promise<CounterRow[]> {
  const index = scope === 'community' ? INDEX.gsi1 : INDEX.gsi2;
  const items = await queryAll({
    TableName: tableName(),
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk AND ${index}SK BETWEEN :from AND :to`,
    ExpressionAttributeValues: { ':pk': `FIGURES#${scope}#${id}`, ':from': from, ':to': `${to}~` },
  });
  return items.map(counterRow);
}

/** AP: one grid's or team's month (GetItem). */
export async function getCounter(scope: CellScope, id: string, month: string): Promise<CounterRow | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: counterKey(scope, id, month) }));
  return out.Item ? counterRow(out.Item) : null;
}

/** AP: every counter of a month (GSI3 `FIGMONTH#month`), for the rebuild. */
export async function countersOfMonth(month: string): Promise<CounterRow[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: INDEX.gsi3,
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': `FIGMONTH#${month}` },
  });
  return items.map(counterRow);
}

const Entry = z.object({ wishId: z.string() });
export type FigureEntry = z.infer<typeof Entry>;

/**
 * AP: the wishes behind a figure's part, by submission: a grid's or team's list partitions (`FIGLIST#…#n`,
 * `#m`, merged), a community's (GSI1) or a street's (GSI2) lists of all their grids.
 */
export function figureEntries(
  scope: 'grid' | 'community' | 'street' | 'team',
  id: string,
  month: string,
  figure: ListName,
  parts: readonly ('n' | 'm')[],
): Source<FigureEntry> {
  return {
    index: scope === 'community' ? INDEX.gsi1 : scope === 'street' ? INDEX.gsi2 : 'table',
    partitions: parts.map((p) => listPk(scope, id, month, figure, p)),
    forward: true,
    item: Entry,
  };
}

/** AP: the wishes counted in a month (GSI1 `FIGWISH#month`), for the rebuild. */
export async function countedWishesOf(month: string): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: INDEX.gsi1,
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `FIGWISH#${month}` },
  });
  return items.map((i) => String(i.PK).slice('WISH#'.length));
}

/** AP: every entry of one list partition (the rebuild compares them with what the timelines say). */
export async function listEntriesOf(
  scope: CellScope,
  id: string,
  month: string,
  figure: ListName,
  part: 'n' | 'm',
): Promise<{ wishId: string; key: string }[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': listPk(scope, id, month, figure, part) },
    ConsistentRead: true,
  });
  return items.map((i) => ({ wishId: Entry.parse(i).wishId, key: String(i.SK) }));
}

/**
 * The rebuild's writes (scripts/figures): a counter set to what the timelines say (Put, not ADD: the count
 * starts again), a list entry put or removed, a wish's counted record. Never on a request path.
 */
export async function putCounter(scope: CellScope, id: string, month: string, tally: Tally, parent: Parent | null): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...counterKey(scope, id, month),
        type: 'figures',
        scope,
        cellId: id,
        month,
        ...tally,
        ...(scope === 'grid' && parent ? { ...parent, ...gridIndexes('FIGURES', id, parent, '', month) } : {}),
        GSI3PK: `FIGMONTH#${month}`,
        GSI3SK: `${scope}#${id}`,
      },
    }),
  );
}

export async function putListEntry(scope: CellScope, id: string, c: Contribution, mark: Mark): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: listItem(scope, id, c, mark) }));
}

export async function dropListEntry(scope: CellScope, id: string, month: string, figure: ListName, part: 'n' | 'm', key: string) {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK: listPk(scope, id, month, figure, part), SK: key } }));
}

/**
 * A wish's figure record as recounted (the rebuild), with a step of its wish's clock stamp in the same transaction:
 * a transition decided on a copy read before (a claim's sealed page) must not count from the record it replaced.
 */
export async function putCounted(c: Contribution): Promise<void> {
  const stamp: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: { PK: `WISH#${c.wishId}`, SK: 'WISH' },
      UpdateExpression: 'SET clockRev = if_not_exists(clockRev, :zero) + :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
    },
  };
  // A claim writing the wish at the same moment makes this transaction conflict: try again, it is idempotent.
  await optimistic('recount a wish', () => db().send(new TransactWriteCommand({ TransactItems: [countedPut(c), stamp] })));
}
