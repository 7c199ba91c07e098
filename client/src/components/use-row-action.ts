import { useRef, useState } from 'react';
import { errorText } from '../api/request';

/** What the last action said, about which row: an error, or a word that it worked. */
export interface RowMessage {
  row: string;
  text: string;
  ok: boolean;
}

export interface RowActionOptions {
  /** Said when the action fails without a reason from the API. */
  failed: string;
  /** Said when it works. */
  done?: string;
  /** After a failure is shown: most often a reload, since someone else may have been quicker. */
  onError?: (e: unknown) => void;
}

type Versioned = { version?: number };

/** The row as an action here changed it, unless the list has since loaded a newer one (rows with a version). */
const newer = <T>(kept: T | undefined, listed: T): T => {
  if (kept === undefined) return listed;
  const [a, b] = [(kept as Versioned).version, (listed as Versioned).version];
  return typeof a === 'number' && typeof b === 'number' && a < b ? listed : kept;
};

/**
 * The actions of a list on its rows (approve, verify, check in, claim…), one at a time: the row being acted
 * on (its buttons disabled; a second tap anywhere is ignored), what the last action said, the rows it
 * changed laid over the listed ones, and `retry` for the action that failed last. The action returns the
 * row as the API answered it, or nothing when the list keeps it as it is.
 */
export function useRowAction<T = never>() {
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState<RowMessage | null>(null);
  const [changed, setChanged] = useState<Record<string, T>>({});
  // A ref, not the state: two taps in one frame both see the state from before the first.
  const running = useRef(false);
  const failed = useRef<(() => Promise<boolean>) | null>(null);

  const run = async (row: string, action: () => Promise<T> | Promise<void>, options: RowActionOptions): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(row);
    setMessage(null);
    try {
      const next = await action();
      if (next !== undefined) setChanged((c) => ({ ...c, [row]: next as T }));
      failed.current = null;
      if (options.done) setMessage({ row, text: options.done, ok: true });
      return true;
    } catch (e) {
      failed.current = () => run(row, action, options);
      setMessage({ row, text: errorText(e, options.failed), ok: false });
      options.onError?.(e);
      return false;
    } finally {
      running.current = false;
      setBusy('');
    }
  };

  return {
    /** The id of the row being acted on, or ''. */
    busy,
    message,
    /** The last action's error, or ''. */
    error: message && !message.ok ? message.text : '',
    run,
    /** Runs again the action that failed last (nothing if the last one worked). */
    retry: () => failed.current?.() ?? Promise.resolve(false),
    /** Says something about a row without calling the API: a check before the action, or what an answer meant. */
    say: (row: string, text: string, ok = false) => setMessage({ row, text, ok }),
    /** A row changed elsewhere (an editor of the row): laid over the listed one like an action's answer. */
    keep: (row: string, next: T) => setChanged((c) => ({ ...c, [row]: next })),
    changed,
    /** The row as shown: changed here, unless the list has loaded a newer one since. */
    shown: (id: string, listed: T): T => newer(changed[id], listed),
    /** Forgets the changed rows (the list is reloaded and is the truth again). */
    forget: () => setChanged({}),
    /** Forgets the changed rows and what was said (another tab or filter). */
    reset: () => {
      setChanged({});
      setMessage(null);
    },
  };
}
