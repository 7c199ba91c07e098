import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Page } from '../../shared/schemas/common';
import { tableName } from '../config';
import { db, indexKeys, type IndexName } from './db';

export const MAX_PAGE = 50;

/**
 * A list is read from one or more "sources"; a source is one or more partitions of an index sorted by
 * the same key. The cursor records which source and the last sort key returned, nothing else: the
 * partitions always come from the signed-in user's scope, so a forged cursor cannot widen what is read.
 */
export interface Source<T> {
  /** A global secondary index, or 'table' for partitions of the table's own key (PK/SK). */
  index: IndexName | 'table';
  partitions: readonly string[];
  /** true: ascending (oldest first); false: newest first. */
  forward: boolean;
  item: z.ZodType<T>;
  /** A FilterExpression applied within each partition (staff queue filters). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

interface CursorState {
  s: number;
  a?: string;
}

const encode = (c: CursorState) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(cursor: string | undefined, sources: number): CursorState {
  if (cursor === undefined) return { s: 0 };
  try {
    const c: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof c === 'object' && c !== null && 's' in c && Number.isInteger(c.s) && Number(c.s) >= 0 && Number(c.s) < sources) {
      const a = 'a' in c ? c.a : undefined;
      if (a === undefined || (typeof a === 'string' && a.length <= 400)) return { s: Number(c.s), a };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('VALIDATION_FAILED', 'the cursor is not one this API gave out', [
    { path: 'cursor', message: 'pass back the cursor of the previous page unchanged' },
  ]);
}

interface Fetched<T> {
  rows: { sk: string; item: T }[];
  exhausted: boolean;
}

/**
 * Up to `limit` items of one partition after `after`. With a filter, DynamoDB's Limit counts items
 * before filtering, so the partition is read on until `limit` items pass or it ends: otherwise a page
 * resuming after another partition's key would skip this one's unread items.
 */
async function queryPartition<T>(source: Source<T>, pk: string, after: string | undefined, limit: number): Promise<Fetched<T>> {
  const keys = source.index === 'table' ? { pk: 'PK', sk: 'SK' } : indexKeys(source.index);
  const op = source.forward ? '>' : '<';
  const rows: { sk: string; item: T }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        ...(source.index === 'table' ? {} : { IndexName: source.index }),
        KeyConditionExpression: after === undefined ? '#pk = :pk' : `#pk = :pk AND #sk ${op} :after`,
        ExpressionAttributeNames: { '#pk': keys.pk, ...(after === undefined ? {} : { '#sk': keys.sk }), ...source.filter?.names },
        ExpressionAttributeValues: { ':pk': pk, ...(after === undefined ? {} : { ':after': after }), ...source.filter?.values },
        ...(source.filter ? { FilterExpression: source.filter.expression } : {}),
        ScanIndexForward: source.forward,
        Limit: limit - rows.length,
        ExclusiveStartKey: start,
      }),
    );
    rows.push(...(out.Items ?? []).map((raw) => ({ sk: String(raw[keys.sk]), item: source.item.parse(raw) })));
    start = out.LastEvaluatedKey;
  } while (start && rows.length < limit && source.filter);
  return { rows, exhausted: start === undefined };
}

/**
 * DynamoDB orders string keys by their UTF-8 bytes, and a page resumes with `> last key` in that order,
 * so the merge must sort the same way. Not localeCompare (pinyin order for Chinese under zh-CN, case
 * folding elsewhere) and not `<` (UTF-16 units differ from UTF-8 bytes above U+FFFF).
 */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** One page of a source: a k-way merge of its partitions, each read after the last key returned. */
async function fetchSource<T>(source: Source<T>, after: string | undefined, limit: number): Promise<Fetched<T>> {
  const parts = await Promise.all(source.partitions.map((pk) => queryPartition(source, pk, after, limit)));
  const rows = parts.flatMap((p) => p.rows);
  rows.sort((x, y) => (source.forward ? compareKeys(x.sk, y.sk) : compareKeys(y.sk, x.sk)));
  const taken = rows.slice(0, limit);
  return { rows: taken, exhausted: rows.length <= limit && parts.every((p) => p.exhausted) };
}

/** Reads up to `limit` items across the sources in order, continuing where the cursor left off. */
export async function readPage<T>(sources: readonly Source<T>[], cursor: string | undefined, limit = MAX_PAGE): Promise<Page<T>> {
  const size = Math.min(limit, MAX_PAGE);
  let state = decode(cursor, Math.max(sources.length, 1));
  const items: T[] = [];
  while (state.s < sources.length && items.length < size) {
    const source = sources[state.s];
    const fetched = source.partitions.length ? await fetchSource(source, state.a, size - items.length) : { rows: [], exhausted: true };
    items.push(...fetched.rows.map((r) => r.item));
    const last = fetched.rows.at(-1);
    state = fetched.exhausted ? { s: state.s + 1 } : { s: state.s, a: last?.sk ?? state.a };
  }
  return { items, cursor: state.s < sources.length ? encode(state) : null };
}

/** Every item of one partition, for small bounded sets (the place tree, a community's teams). */
export async function readAll<T>(source: Source<T>, maxItems = 2_000): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage([source], cursor);
    all.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && all.length < maxItems);
  return all;
}
