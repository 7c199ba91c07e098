import type { Level } from '../schemas/sla';

/** A wish's level (the place that owns it now), in the words of notes, notices and tags; the client shows these too. */
export const LEVEL_NAME: Record<Level, string> = { grid: '网格', community: '社区', street: '街道' };
