/** What one due item came to in a tick run: acted on, nothing (left to do), or moved to a later time. */
export type TickOutcome = 'done' | 'skipped' | 'postponed';
