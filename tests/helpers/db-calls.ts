import type { FinalizeHandlerArguments, HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { db } from '../../functions/data/db';

/**
 * Test-only middleware on the functions' shared DynamoDB client (functions/data/db.ts): what the code under
 * test asks of the database, counted per call, and faults the database could answer with, injected per
 * command. Each is removed again by the function it returns: call it before the test ends (in `afterEach` or `finally`).
 */

export interface DbCall {
  /** The low-level command, as the SDK names it: 'QueryCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand'… */
  command: string;
  /** The input as the code gave it to the document client (plain values, not attribute values). */
  input: Record<string, any>;
}

let added = 0;

/**
 * Wraps every call at the initialize step (before the document client marshals the input, outside the
 * SDK's own retries, so one call is one `send`). `around` gets the call and `next`; it may call `next`,
 * change what comes back, or answer without asking the database.
 */
export function aroundDb(around: (call: DbCall, next: () => Promise<any>) => Promise<any>): () => void {
  const name = `test-around-db-${++added}`;
  db().middlewareStack.add(
    (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => (args: InitializeHandlerArguments<any>) =>
      around({ command: context.commandName ?? '?', input: args.input as Record<string, any> }, () => next(args)),
    { step: 'initialize', priority: 'high', name },
  );
  return () => {
    db().middlewareStack.remove(name);
  };
}

/** Records every call the functions send to the database until `stop()`. */
export function recordDbCalls() {
  const calls: DbCall[] = [];
  const stop = aroundDb((call, next) => {
    calls.push(call);
    return next();
  });
  return {
    calls,
    /** The commands sent, by name ('GetItemCommand', …), in order. */
    commands: () => calls.map((c) => c.command),
    count: (command: string) => calls.filter((c) => c.command === command).length,
    clear: () => calls.splice(0),
    stop,
  };
}

/**
 * Every `command` the functions send fails with `error()` as DynamoDB's answer: thrown where the SDK reads the
 * response (the deserialize step), so the SDK's own retries see it as they would see DynamoDB's. Returns how
 * many attempts were made and the function that removes the fault.
 */
export function failDb(command: string, error: () => Error): { attempts: () => number; stop: () => void } {
  const name = `test-fail-db-${++added}`;
  let attempts = 0;
  db().middlewareStack.add(
    (next: any, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<any>) => {
      if (context.commandName !== command) return next(args);
      attempts++;
      throw error();
    },
    { step: 'deserialize', priority: 'high', name },
  );
  return {
    attempts: () => attempts,
    stop: () => {
      db().middlewareStack.remove(name);
    },
  };
}
