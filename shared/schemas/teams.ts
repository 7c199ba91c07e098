import * as z from 'zod';
import { Id, page } from './common';

export const TEAM_KINDS = ['skills_registry', 'volunteer_team', 'party_team', 'co_building_unit'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKind>;

export const TeamMember = z.object({
  userId: Id,
  name: z.string(),
  role: z.enum(['lead', 'member']),
  skills: z.array(z.string()),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** Members live on the team item: even the 97-person 乐修匠 brand is far below DynamoDB's 400 KB item limit. */
export const Team = z.object({
  id: Id,
  name: z.string().min(1).max(60),
  kind: TeamKind,
  communityId: Id,
  skills: z.array(z.string().max(40)),
  members: z.array(TeamMember),
});
export type Team = z.infer<typeof Team>;

export const TeamPage = page(Team);
export type TeamPage = z.infer<typeof TeamPage>;
