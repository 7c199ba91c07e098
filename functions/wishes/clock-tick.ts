import { dueActions, slaView, warnId, withClock } from '../../shared/domain/sla';
import { isAwaitingClaim } from '../../shared/domain/wish-machine';
import { leaseWarning, noticesFor } from '../../shared/domain/wish-notify';
import { applySystemAction, overdueAt, type SystemAction } from '../../shared/domain/wish-transition';
import { notificationWrites } from '../data/notifications';
import { categoryIn } from '../data/places';
import { clockContext } from '../data/settings';
import { getTeam } from '../data/teams';
import { optimistic } from '../data/retry';
import { getWish, refreshClock, saveTransition, StaleWishError } from '../data/wishes';
import type { TickOutcome } from '../tick/outcome';
import { managersAt, membersToTell } from './routing';
import { partnerGone } from './withdraw';

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
  for (let step = 0; step < MAX_STEPS; step++) {
    const result = await optimistic('run a wish clock', () => clockStep(id, now));
    if (result === 'idle') return outcome;
    if (result === 'refreshed') return 'done';
    outcome = 'done';
  }
  return outcome;
}

/**
 * One step on the wish as it is now: 'idle' when nothing is due, 'refreshed' when only its clock marks
 * moved, 'stepped' when something happened and more may be due. A wish changed meanwhile is read again.
 */
async function clockStep(id: string, now: Date): Promise<'idle' | 'refreshed' | 'stepped'> {
  const at = now.toISOString();
  const wish = await getWish(id);
  if (!wish) return 'idle';
  const ctx = await clockContext(now, wish.streetId);
  const due = dueActions(wish, ctx)[0];
  if (!due) {
    const view = slaView(wish, ctx);
    if (view.sla === wish.sla && view.dueAt === wish.dueAt && view.deadline === wish.deadline) return 'idle';
    if (!(await refreshClock(wish, { ...wish, ...view }))) throw new StaleWishError([]);
    return 'refreshed';
  }
  if (due.kind === 'warn_lease') {
    const marked = withClock({ ...wish, escalated: [...wish.escalated, warnId(due.clock)] }, ctx);
    const told = wish.claimantId ? notificationWrites([leaseWarning(wish)], at) : [];
    if (!(await refreshClock(wish, marked, told))) throw new StaleWishError([]);
    return 'stepped';
  }
  if (due.kind === 'note_overdue') {
    // Nothing higher to go to, but the moment is an event: the figures count a wish open past its deadline from it.
    const next = overdueAt(wish, due.clock, at, ctx);
    await saveTransition({ previous: wish, wish: next.wish, event: next.event });
    return 'stepped';
  }
  const action: SystemAction =
    due.kind === 'escalate' ? { kind: 'escalate', clockId: due.clock.id, clockName: due.clock.name } : { kind: due.kind };
  const next = applySystemAction(wish, action, at, ctx);
  const team = next.wish.teamId && isAwaitingClaim(next.wish.status) ? await getTeam(next.wish.teamId) : null;
  // A lease that ran out on a partner team whose agreement has ended: the wish goes on to triage, in the same transaction.
  const gone = await partnerGone(next, team, ctx);
  const skill = team ? ((await categoryIn(next.wish.category, next.wish.communityId))?.skill ?? null) : null;
  const audience = { teamMembers: team && !gone ? membersToTell(team, skill, ctx) : [], managers: await managersAt(next.wish) };
  await saveTransition({
    previous: wish,
    wish: gone?.wish ?? next.wish,
    event: next.event,
    extra: [
      ...(gone?.items ?? []),
      ...notificationWrites([...noticesFor(wish, next.wish, next.event, audience), ...(gone?.notices ?? [])], at),
    ],
  });
  return 'stepped';
}
