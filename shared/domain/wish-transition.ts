import { AppError } from '../errors';
import type { AnyActionBody, Wish, WishAction, WishEvent } from '../schemas/wishes';
import type { Actor } from './wish-access';
import { actingRole, actsOnBehalf, assertAllowed } from './wish-access';
import { nextStatus } from './wish-machine';

export interface TransitionInput {
  action: WishAction;
  body: AnyActionBody;
  actor: Actor;
  now: string;
  /** The team a route action names, loaded by the caller. */
  team?: { id: string; name: string; communityId: string };
}

export interface Transition {
  wish: Wish;
  event: WishEvent;
}

const noteOf = (body: AnyActionBody): string | null => {
  if ('reason' in body && body.reason) return body.reason;
  if ('note' in body && body.note) return body.note;
  if ('comment' in body && body.comment) return body.comment;
  return null;
};

/** Applies one action to a wish: the new wish and the event that records it. Pure; throws AppError. */
export function applyAction(wish: Wish, input: TransitionInput): Transition {
  const { action, body, actor, now } = input;
  const relation = assertAllowed(action, actor, wish);
  const onBehalf = actsOnBehalf(action, relation);
  if (onBehalf && !('consent' in body && body.consent === true)) {
    throw new AppError('VALIDATION_FAILED', "record the resident's consent to act on their behalf", [
      { path: 'consent', message: 'must be true when acting for the resident' },
    ]);
  }
  const next: Wish = { ...wish, status: nextStatus(action), updatedAt: now, version: wish.version + 1 };
  switch (action) {
    case 'route': {
      if (!input.team) throw new AppError('NOT_FOUND', 'team not found');
      Object.assign(next, { teamId: input.team.id, teamName: input.team.name, claimantId: null, claimantName: null });
      break;
    }
    case 'claim':
      Object.assign(next, { claimantId: actor.id, claimantName: actor.name });
      break;
    case 'release':
      Object.assign(next, { claimantId: null, claimantName: null });
      break;
    case 'confirm':
      if ('rating' in body) Object.assign(next, { rating: body.rating, comment: body.comment ?? null, wallConsent: body.wall });
      break;
  }
  const event: WishEvent = {
    seq: next.version,
    at: now,
    action,
    from: wish.status,
    to: next.status,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actingRole(action, relation),
    onBehalf,
    note: action === 'route' ? `派给 ${input.team?.name}` : noteOf(body),
  };
  return { wish: next, event };
}
