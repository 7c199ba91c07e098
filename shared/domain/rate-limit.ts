/**
 * Rate-limit arithmetic, pure. Two shapes: a sliding log (exact: at most `limit` hits in any window of
 * `periodMs`) for the few writes that matter, such as posting wishes; and a fixed window (one
 * conditional counter, no read) for the cheap per-minute guard on every write.
 */
export interface SlidingDecision {
  allowed: boolean;
  /** The log to store: the recent hits, plus this one when allowed. */
  hits: number[];
  /** When refused, how long until the oldest counted hit leaves the window. */
  retryAfterSeconds: number;
}

export function slidingWindow(hits: readonly number[], now: number, limit: number, periodMs: number): SlidingDecision {
  // Hits stamped a little after `now` (a concurrent request that started later, another instance's clock)
  // still count: dropping them would let concurrent requests erase each other's hits.
  const recent = hits.filter((t) => t > now - periodMs).sort((a, b) => a - b);
  if (recent.length >= limit) {
    const freesUp = recent[recent.length - limit] + periodMs;
    return { allowed: false, hits: recent, retryAfterSeconds: Math.max(1, Math.ceil((freesUp - now) / 1000)) };
  }
  return { allowed: true, hits: [...recent, now].sort((a, b) => a - b), retryAfterSeconds: 0 };
}

/** The fixed window `now` falls in: its start (an id for the counter) and the seconds until it ends. */
export function fixedWindow(now: number, periodMs: number): { start: number; retryAfterSeconds: number } {
  const start = Math.floor(now / periodMs) * periodMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + periodMs - now) / 1000)) };
}
