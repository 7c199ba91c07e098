import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, MetadataBearer } from '@smithy/types';
import { tableName } from '../config';
import { db } from './db';

/**
 * Reference data a hot write needs but cannot turn into a condition (a building's grid, a category's skill, the
 * teams, agreements and loads routing ranks), kept per container for a few seconds (REF_CACHE_MS). Another
 * container's change is seen here within that window; a change written through this container's client (any
 * Put, Update, Delete or transaction touching such an item) empties the cache at once.
 */
export const REF_CACHE_MS = 5_000;

const entries = new Map<string, { until: number; table: string; value: Promise<unknown> }>();
const REFERENCE = /^(TEAM|PLACE|CATEGORY|SKILLS|LOAD|PARTNERSHIP)#/;

/** The value under `key` while fresh, else `read()` once (concurrent callers share the read; a failed read is not kept). */
export function refCached<T>(key: string, read: () => Promise<T>): Promise<T> {
  watchWrites();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.until > now && hit.table === tableName()) return hit.value as Promise<T>;
  const value = read();
  entries.set(key, { until: now + REF_CACHE_MS, table: tableName(), value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Empty the cache (reference data changed). */
export const refChanged = (): void => entries.clear();

type Keyed = { Key?: { PK?: unknown }; Item?: { PK?: unknown } };
/** The partition key of a write, as the code gave it (plain) or marshalled ({ S }). */
const touches = (w: Keyed | undefined) => {
  const pk = w?.Key?.PK ?? w?.Item?.PK;
  return REFERENCE.test(String(typeof pk === 'object' && pk !== null ? (pk as { S?: unknown }).S : (pk ?? '')));
};

interface WriteInput extends Keyed {
  TransactItems?: { Put?: Keyed; Update?: Keyed; Delete?: Keyed; ConditionCheck?: Keyed }[];
  RequestItems?: Record<string, unknown>;
}

function writesReference(input: WriteInput): boolean {
  if (touches(input)) return true;
  for (const t of input.TransactItems ?? []) if (touches(t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck)) return true;
  for (const requests of Object.values(input.RequestItems ?? {}) as { PutRequest?: Keyed; DeleteRequest?: Keyed }[][]) {
    if (Array.isArray(requests) && requests.some((r) => touches(r.PutRequest ?? r.DeleteRequest))) return true;
  }
  return false;
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
      if (!WRITES.has(context.commandName ?? '') || !writesReference(args.input as WriteInput)) return next(args);
      // Before (nothing stale is served meanwhile) and after (nothing read meanwhile is kept).
      refChanged();
      return next(args).finally(refChanged);
    },
    { step: 'initialize', priority: 'high', name: 'linli-ref-cache-watch' },
  );
}
