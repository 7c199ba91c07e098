import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, MetadataBearer } from '@smithy/types';
import { refCacheMs, tableName } from '../config';
import { db } from './db';

/**
 * Reference data a hot write needs but cannot turn into a condition (a building's grid, a category's skill, the
 * teams, agreements and loads routing ranks), kept per container for a few seconds (refCacheMs(), 5 s). Another
 * container's change is seen here within that window; a change written through this container's client (any
 * Put, Update, Delete or transaction touching such an item) drops at once the entries it makes stale.
 */
const entries = new Map<string, { until: number; table: string; value: Promise<unknown> }>();
/** Which cached entries (by key prefix) a write of an item (by partition prefix) makes stale. */
const STALE: Record<string, readonly string[]> = {
  TEAM: ['team#', 'routing#'],
  PLACE: ['place#', 'routing#'],
  CATEGORY: ['category#'],
  SKILLS: ['category#'],
  PARTNERSHIP: ['routing#'],
  // A claim's own load change leaves the team, its category and place cached: only routing ranks by load.
  LOAD: ['routing#'],
};
const REFERENCE = /^(TEAM|PLACE|CATEGORY|SKILLS|LOAD|PARTNERSHIP)#/;

/** The value under `key` while fresh, else `read()` once (concurrent callers share the read; a failed read is not kept). */
export function refCached<T>(key: string, read: () => Promise<T>): Promise<T> {
  watchWrites();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.until > now && hit.table === tableName()) return hit.value as Promise<T>;
  const value = read();
  entries.set(key, { until: now + refCacheMs(), table: tableName(), value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Forget what a change of these kinds of item (TEAM, PLACE…) makes stale; all of it unless said. */
export function refChanged(kinds?: ReadonlySet<string>): void {
  if (!kinds) {
    entries.clear();
    return;
  }
  const prefixes = [...kinds].flatMap((k) => STALE[k] ?? []);
  for (const key of [...entries.keys()]) if (prefixes.some((p) => key.startsWith(p))) entries.delete(key);
}

type Keyed = { Key?: { PK?: unknown }; Item?: { PK?: unknown } };
/** The kind of reference item a write touches (TEAM, PLACE…), from its partition key as given (plain) or marshalled ({ S }). */
const kindOf = (w: Keyed | undefined): string | null => {
  const pk = w?.Key?.PK ?? w?.Item?.PK;
  const text = String(typeof pk === 'object' && pk !== null ? (pk as { S?: unknown }).S : (pk ?? ''));
  return REFERENCE.exec(text)?.[1] ?? null;
};

interface WriteInput extends Keyed {
  TransactItems?: { Put?: Keyed; Update?: Keyed; Delete?: Keyed; ConditionCheck?: Keyed }[];
  RequestItems?: Record<string, unknown>;
}

/** The kinds of reference item a write touches. */
function kindsWritten(input: WriteInput): Set<string> {
  const written = [kindOf(input)];
  for (const t of input.TransactItems ?? []) written.push(kindOf(t.Put ?? t.Update ?? t.Delete));
  for (const requests of Object.values(input.RequestItems ?? {}) as { PutRequest?: Keyed; DeleteRequest?: Keyed }[][]) {
    if (Array.isArray(requests)) for (const r of requests) written.push(kindOf(r.PutRequest ?? r.DeleteRequest));
  }
  return new Set(written.filter((k): k is string => k !== null));
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);
let watched: unknown = null;

/** Once per client: every write of reference data through it empties the cache. */
function watchWrites(): void {
  const client = db();
  if (watched === client) return;
  watched = client;
  client.middlewareStack.add(
    (next: InitializeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => (args: InitializeHandlerArguments<object>) => {
      const kinds = WRITES.has(context.commandName ?? '') ? kindsWritten(args.input as WriteInput) : null;
      if (!kinds?.size) return next(args);
      // Before (nothing stale is served meanwhile) and after (nothing read meanwhile is kept).
      refChanged(kinds);
      return next(args).finally(() => refChanged(kinds));
    },
    { step: 'initialize', priority: 'high', name: 'linli-ref-cache-watch' },
  );
}
