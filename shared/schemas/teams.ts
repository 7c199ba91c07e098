import * as z from 'zod';
import { TimeOfDay } from './calendar';
import { Id, page } from './common';

export const TEAM_KINDS = ['skills_registry', 'volunteer_team', 'party_team', 'co_building_unit'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKind>;

export const Skill = z.string().trim().min(1).max(40);

const Span = z.object({ from: TimeOfDay, to: TimeOfDay }).refine((s) => s.from < s.to, { message: 'from must be before to' });

/**
 * When a volunteer is usually free, Beijing time: on working days (most have day jobs: evenings) and on
 * rest days (weekends, holidays), as the working-day calendar says which a date is.
 */
export const FreeHours = z.object({ workday: z.array(Span).max(4), restday: z.array(Span).max(4) });
export type FreeHours = z.infer<typeof FreeHours>;

export const TeamMember = z.object({
  userId: Id,
  name: z.string(),
  role: z.enum(['lead', 'member']),
  skills: z.array(z.string()),
  hours: FreeHours.default({ workday: [], restday: [] }),
  /** On holiday, ill: routing passes them over until they come back. */
  paused: z.boolean().default(false),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** Members live on the team item: even the 97-person 乐修匠 brand is far below DynamoDB's 400 KB item limit. */
export const Team = z.object({
  id: Id,
  name: z.string().min(1).max(60),
  kind: TeamKind,
  communityId: Id,
  skills: z.array(Skill),
  members: z.array(TeamMember),
  /** The grids it serves; empty: the whole community. */
  gridIds: z.array(Id).default([]),
  /** Open claims (claimed or in progress) the team and each member may hold at once. */
  teamCap: z.number().int().min(1).max(100_000).default(5),
  memberCap: z.number().int().min(1).max(10_000).default(2),
  version: z.number().int().min(0).default(0),
});
export type Team = z.infer<typeof Team>;

export const TeamPage = page(Team);
export type TeamPage = z.infer<typeof TeamPage>;

/** Staff create or change a team (kind, skills, the grids it serves, a lead, the caps). */
export const TeamBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  kind: TeamKind,
  skills: z.array(Skill).min(1).max(20),
  gridIds: z.array(Id).max(50),
  leadId: Id.nullable(),
  teamCap: z.number().int().min(1).max(500),
  memberCap: z.number().int().min(1).max(20),
});
export type TeamBody = z.infer<typeof TeamBody>;
export const TeamCreateBody = TeamBody.extend({ communityId: Id });
export type TeamCreateBody = z.infer<typeof TeamCreateBody>;
export const TeamIdPath = z.strictObject({ id: Id });

/** The load a team carries now: claims held open by the team and by each member. */
export const TeamLoad = z.object({ active: z.number().int(), members: z.record(z.string(), z.number().int()) });
export type TeamLoad = z.infer<typeof TeamLoad>;

/** A resident asks to join a team with what they can do and when they are usually free. */
export const ApplicationBody = z.strictObject({
  skills: z.array(Skill).min(1).max(10),
  hours: FreeHours,
  note: z.string().trim().max(200).optional(),
});
export type ApplicationBody = z.infer<typeof ApplicationBody>;

export const Application = z.object({
  id: z.string(),
  teamId: Id,
  teamName: z.string(),
  userId: Id,
  userName: z.string(),
  skills: z.array(z.string()),
  hours: FreeHours,
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  reason: z.string().nullable(),
  decidedBy: z.object({ userId: Id, name: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Application = z.infer<typeof Application>;
export const ApplicationPage = page(Application);
export type ApplicationPage = z.infer<typeof ApplicationPage>;

export const DecisionBody = z
  .strictObject({ approve: z.boolean(), reason: z.string().trim().min(2).max(200).optional() })
  .refine((b) => b.approve || !!b.reason, {
    path: ['reason'],
    message: 'say why when declining',
  });
export type DecisionBody = z.infer<typeof DecisionBody>;
export const ApplicationPath = z.strictObject({ id: Id, userId: Id });
/** DELETE /teams/{id}/members/{userId}: one member of one team. */
export const TeamMemberPath = z.strictObject({ id: Id, userId: Id });

/** A volunteer's own availability: skills, usual free hours, a pause (holiday, illness), and whether the wall may show their name. */
export const VolunteerProfileBody = z.strictObject({
  skills: z.array(Skill).min(1).max(10).optional(),
  hours: FreeHours.optional(),
  paused: z.boolean().optional(),
  /** Applies to wishes claimed from now on: the consent is recorded on each wish when it is claimed. */
  showNameOnWall: z.boolean().optional(),
});
export type VolunteerProfileBody = z.infer<typeof VolunteerProfileBody>;

/**
 * 融合网格 (seed 000): community A offers a team's skills to grids of community B; once B's staff accept,
 * routing may send B's wishes there.
 */
export const Partnership = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  fromCommunityId: Id,
  toCommunityId: Id,
  gridIds: z.array(Id).min(1),
  skills: z.array(z.string()).min(1),
  status: z.enum(['offered', 'accepted', 'ended']),
  offeredBy: z.object({ userId: Id, name: z.string(), at: z.string() }),
  acceptedBy: z.object({ userId: Id, name: z.string(), at: z.string() }).nullable(),
  version: z.number().int().min(1),
});
export type Partnership = z.infer<typeof Partnership>;
export const PartnershipPage = page(Partnership);
export type PartnershipPage = z.infer<typeof PartnershipPage>;
export const PartnershipOfferBody = z.strictObject({
  teamId: Id,
  toCommunityId: Id,
  gridIds: z.array(Id).min(1).max(50),
  skills: z.array(Skill).min(1).max(20),
});
export type PartnershipOfferBody = z.infer<typeof PartnershipOfferBody>;
export const PartnershipPath = z.strictObject({ id: Id });

/** A team as residents see it when they choose one to join: no member's name. */
export const TeamSummary = Team.pick({ id: true, name: true, kind: true, communityId: true, skills: true }).extend({
  members: z.number().int(),
});
export type TeamSummary = z.infer<typeof TeamSummary>;
export const TeamSummaryPage = page(TeamSummary);
export type TeamSummaryPage = z.infer<typeof TeamSummaryPage>;
