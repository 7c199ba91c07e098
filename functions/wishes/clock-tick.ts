import { dueActions, slaView, warnId, withClock } from '../../shared/domain/sla';
import { isAwaitingClaim } from '../../shared/domain/wish-machine';
import { leaseWarning, noticesFor } from '../../shared/domain/wish-notify';
import { applySystemAction, type SystemAction } from '../../shared/domain/wish-transition';
import { notificationWrites } from '../data/notifications';
import { getCategory } from '../data/places';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';
import { getWish, refreshClock, saveTransition, StaleWishError } from '../data/wishes';
import type { TickOutcome } from '../tick/outcome';
import { managersAt, membersToTell } from './routing';

const MAX_STEPS = 6;

/**
 * What the clock does to one wish at `now`, one step at a time until nothing is due: warn a volunteer
 * whose claim is running out, release a claim not started in time, confirm after a week's silence,
 * escalate a stage past its limit one level (once per run of that clock), and keep the wish's yellow/red
 * state and next due time current. Each step is saved on the version read, so runs that overlap, or a
 * second run for the same moment, change nothing more.
 */
export async function processWishClock(id: string, now: Date): Promise<TickOutcome> {
  let outcome: TickOutcome = 'skipped';
  const at = now.toISOString();
  for (let step = 0; step < MAX_STEPS; step++) {
    const wish = await getWish(id);
    if (!wish) return outcome;
    const ctx = await clockContext(now);
    const due = dueActions(wish, ctx)[0];
    if (!due) {
      const view = slaView(wish, ctx);
      if (view.sla === wish.sla && view.dueAt === wish.dueAt && view.deadline === wish.deadline) return outcome;
      if (await refreshClock(wish, { ...wish, ...view })) return 'done';
      continue;
    }
    if (due.kind === 'note_overdue' || due.kind === 'warn_lease') {
      const marked = withClock({ ...wish, escalated: [...wish.escalated, due.kind === 'warn_lease' ? warnId(due.clock) : due.clock.id] }, ctx);
      const told = due.kind === 'warn_lease' && wish.claimantId ? notificationWrites([leaseWarning(wish)], at) : [];
      if (await refreshClock(wish, marked, told)) outcome = 'done';
      continue;
    }
    const action: SystemAction = due.kind === 'escalate' ? { kind: 'escalate', clockId: due.clock.id, clockName: due.clock.name } : { kind: due.kind };
    const next = applySystemAction(wish, action, at, ctx);
    const team = next.wish.teamId && isAwaitingClaim(next.wish.status) ? await getTeam(next.wish.teamId) : null;
    const skill = team ? ((await getCategory(next.wish.category))?.skill ?? null) : null;
    const audience = { teamMembers: team ? membersToTell(team, skill, ctx) : [], managers: await managersAt(next.wish) };
    try {
      await saveTransition({ previous: wish, wish: next.wish, event: next.event, extra: notificationWrites(noticesFor(wish, next.wish, next.event, audience), at) });
      outcome = 'done';
    } catch (error) {
      if (!(error instanceof StaleWishError)) throw error;
    }
  }
  return outcome;
}
