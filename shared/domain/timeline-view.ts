import type { Wish, WishEvent } from '../schemas/wishes';
import type { Actor } from './wish-access';
import { relationTo } from './wish-access';
import { maskName } from './wish-view';

/** How much of a wish's history a viewer sees. */
export type TimelineView = 'full' | 'team' | 'neighbour';

/**
 * Who sees what of a wish's timeline:
 * - full: the resident, the volunteer holding it, those who run its queue at any level, the operator;
 * - team: other volunteers of the team it is routed to see who did what and the staff's reasons (routing,
 *   escalation), not what residents or volunteers wrote (a comment, a dispute, another team's send-back);
 * - neighbour: a resident who said 我也遇到 follows the wish, not the people: every person's name masked and
 *   no free text at all.
 */
export function timelineViewOf(viewer: Actor, wish: Wish, supporting: boolean): TimelineView {
  const r = relationTo(viewer, wish, supporting);
  if (r.owner || r.claimant || r.rank >= 0 || r.admin) return 'full';
  if (r.teamMember) return 'team';
  return 'neighbour';
}

/** Roles whose notes are the office's reasons, which the team that is to act on them needs. */
const OFFICIAL = new Set<WishEvent['actorRole']>(['gridWorker', 'staff', 'streetStaff', 'system']);

const personName = (e: WishEvent) => (e.actorRole === 'system' ? e.actorName : maskName(e.actorName));

/** The events as this viewer may see them. Used by every route that answers a timeline. */
export function viewTimeline(events: readonly WishEvent[], wish: Wish, viewer: Actor, supporting = false): WishEvent[] {
  const view = timelineViewOf(viewer, wish, supporting);
  if (view === 'full') return [...events];
  if (view === 'team') return events.map((e) => (OFFICIAL.has(e.actorRole) ? e : { ...e, note: null }));
  return events.map((e) => ({ ...e, actorName: personName(e), note: null }));
}
