import { PageQuery } from '../../../shared/schemas/common';
import type { TeamSummaryPage } from '../../../shared/schemas/teams';
import { memberCommunities } from '../../auth/scope';
import { teamsOfCommunities } from '../../data/teams';
import { route } from '../../http/handler';

/** The teams of one's own community, to choose one to join: name, kind, skills and how many members. */
export const handler = route({ roles: 'any', query: PageQuery }, async ({ user, query }): Promise<TeamSummaryPage> => {
  const page = await teamsOfCommunities(await memberCommunities(user), query.cursor, query.limit);
  return { cursor: page.cursor, items: page.items.map((t) => ({ id: t.id, name: t.name, kind: t.kind, communityId: t.communityId, skills: t.skills, members: t.members.length })) };
});
