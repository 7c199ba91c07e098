import type { Category } from '../schemas/places';
import type { Team, TeamKind } from '../schemas/teams';

/**
 * Which team a new wish goes to. Simple on purpose: the first team of the wish's community that has
 * the category's skill, preferring neighbours (skills registry, volunteers) over outside units, then
 * the team with more members. A later issue adds load, SLA and cross-community routing.
 */
const KIND_PREFERENCE: Record<TeamKind, number> = {
  skills_registry: 0,
  volunteer_team: 1,
  party_team: 2,
  co_building_unit: 3,
};

export function pickTeam(category: Pick<Category, 'skill'>, teams: readonly Team[], communityId: string): Team | null {
  const { skill } = category;
  if (skill === null) return null;
  const able = teams.filter((t) => t.communityId === communityId && t.skills.includes(skill) && t.members.length > 0);
  able.sort(
    (a, b) =>
      KIND_PREFERENCE[a.kind] - KIND_PREFERENCE[b.kind] || b.members.length - a.members.length || a.id.localeCompare(b.id),
  );
  return able[0] ?? null;
}
