import { beijingMonth } from '../../shared/domain/beijing-time';
import { mayReadFigures } from '../../shared/domain/figures-access';
import { notFound } from '../../shared/errors';
import type { FigureScope } from '../../shared/schemas/figures';
import type { Place } from '../../shared/schemas/places';
import type { Team } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { getPlace } from '../data/places';
import { getTeam } from '../data/teams';

export interface ResolvedScope {
  scope: FigureScope;
  id: string;
  name: string;
  place: Place | null;
  team: Team | null;
}

const WHAT: Record<FigureScope, string> = { grid: 'grid', community: 'community', street: 'street', team: 'team' };

/**
 * The scope a figure is read for, as the caller reaches it: one that does not exist, is of another kind, or is
 * outside the caller's reach answers the same 404 (shared/domain/figures-access.ts says who reaches what).
 */
export async function figureScope(user: User, scope: FigureScope, id: string): Promise<ResolvedScope> {
  if (scope === 'team') {
    const team = await getTeam(id);
    if (!team || !mayReadFigures(user, { kind: 'team', team })) throw notFound(WHAT[scope]);
    return { scope, id, name: team.name, place: null, team };
  }
  const place = await getPlace(id);
  if (
    !place ||
    place.kind !== scope ||
    !mayReadFigures(user, { kind: scope, id, communityId: place.communityId, streetId: place.streetId })
  ) {
    throw notFound(WHAT[scope]);
  }
  return { scope, id, name: place.name, place, team: null };
}

/** The month asked for, else the current one in Beijing. */
export const monthOr = (month: string | undefined, now: Date): string => month ?? beijingMonth(now.getTime());
