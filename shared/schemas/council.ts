import * as z from 'zod';
import { Id, IsoTime, page, PageQuery } from './common';
import { SlotId } from './slots';
import { Phone } from './users';
import { WishStatus } from './wishes';

/**
 * The residents' council (居民议事会) and its seven steps (七步议事法): 收集意见 → 确认议题 → 制定方案 → 发布公告 →
 * 组织协商 → 结果运用 → 反馈公示. A topic's `step` is where it stands; `declined` and `lapsed` are ends
 * besides `closed`. Which action moves which step, and who may take it: shared/domain/council-machine.ts.
 */
export const COUNCIL_STEPS = ['collecting', 'drafting', 'noticed', 'applying', 'published', 'closed', 'declined', 'lapsed'] as const;
export const CouncilStep = z.enum(COUNCIL_STEPS);
export type CouncilStep = z.infer<typeof CouncilStep>;

export const COUNCIL_ACTIONS = [
  /** A resident's opinion (收集意见), or a comment on a plan while drafting. */
  'opine',
  /** A verified resident supports the topic, once. */
  'support',
  /** 确认议题: staff confirm it with a summary of the opinions. */
  'confirm',
  /** Staff decline it with a reason: published, the linked wishes back to triage. */
  'decline',
  /** 制定方案: one of at most five plans. */
  'add_plan',
  /** 发布公告: the meeting's time, place and agenda; the members are invited. */
  'notice',
  /** 组织协商: who came, the votes, the minutes, the outcome. */
  'meeting',
  /** 结果运用: a wish task or a staff task. */
  'add_task',
  /** A task is done, or closed with a reason. */
  'finish_task',
  /** 反馈公示: the result goes on the noticeboard for `publicDays`. */
  'publish',
  /** A resident objects to the published result within the window. */
  'object',
  /** A resident registers to attend the noticed meeting as an observer (列席), or withdraws. */
  'attend',
  /** Staff answer an objection. */
  'answer',
  /** By the clock only: a resident proposal without enough supports after `collectDays`. */
  'lapse',
  /** By the clock only: the publicity window is over. */
  'close',
] as const;
export const CouncilAction = z.enum(COUNCIL_ACTIONS);
export type CouncilAction = z.infer<typeof CouncilAction>;

/** Who acts on a topic, as the machine knows them: staff of its community, a grid worker of one of its grids, a resident of it, the clock. */
export const COUNCIL_ROLES = ['staff', 'gridWorker', 'resident', 'system'] as const;
export const CouncilRole = z.enum(COUNCIL_ROLES);
export type CouncilRole = z.infer<typeof CouncilRole>;

/** How a topic was born: raised from open wishes, proposed by a verified resident, or by staff directly. */
export const TopicOrigin = z.enum(['wishes', 'resident', 'staff']);
export type TopicOrigin = z.infer<typeof TopicOrigin>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Reason = z.string().trim().min(2, 'say why in a few words').max(500);

// ---------------------------------------------------------------------------------------------------------------
// The roster and the settings of a community's council
// ---------------------------------------------------------------------------------------------------------------

/** 居民代表 and 楼院长 are residents of the community (they make the quorum); the others are organisations. */
export const MEMBER_KINDS = ['representative', 'building_head', 'property', 'owners_committee', 'co_building'] as const;
export const MemberKind = z.enum(MEMBER_KINDS);
export type MemberKind = z.infer<typeof MemberKind>;
export const RESIDENT_MEMBER_KINDS: readonly MemberKind[] = ['representative', 'building_head'];

export const CouncilMember = z.object({
  id: Id,
  kind: MemberKind,
  /** The resident (representatives, building heads), or an organisation's contact who uses the app (told in-app). */
  userId: Id.nullable(),
  /** The resident's name, or the organisation's contact person. */
  name: z.string(),
  organisation: z.string().nullable(),
  phone: z.string().nullable(),
});
export type CouncilMember = z.infer<typeof CouncilMember>;

export const CouncilRoster = z.object({
  communityId: Id,
  members: z.array(CouncilMember).max(200),
  updatedAt: z.string().nullable(),
  version: z.number().int().min(0),
});
export type CouncilRoster = z.infer<typeof CouncilRoster>;

const ResidentMemberInput = z.strictObject({ kind: z.enum(['representative', 'building_head']), userId: Id });
const OrganisationMemberInput = z.strictObject({
  kind: z.enum(['property', 'owners_committee', 'co_building']),
  /** Kept when given (the same organisation across edits of the roster); a new one gets an id. */
  id: Id.optional(),
  organisation: Text(60),
  contact: Text(40),
  phone: Phone.optional(),
  userId: Id.optional(),
});
export const MemberInput = z.union([ResidentMemberInput, OrganisationMemberInput]);
export type MemberInput = z.infer<typeof MemberInput>;

/** PUT /council/members: the whole roster (it replaces the one there). */
export const CouncilRosterBody = z.strictObject({ members: z.array(MemberInput).max(200) });
export type CouncilRosterBody = z.infer<typeof CouncilRosterBody>;

/** Which community a per-community route is about; the caller's own (the first they serve) unless said. */
export const CommunityQuery = z.strictObject({ communityId: Id.optional() });
export type CommunityQuery = z.infer<typeof CommunityQuery>;

/** The quorum of a meeting, counted among the invited representatives and building heads. */
export const Quorum = z.discriminatedUnion('rule', [
  /** More than half of them present (the default). */
  z.strictObject({ rule: z.literal('majority') }),
  /** At least `count` of them present. */
  z.strictObject({ rule: z.literal('at_least'), count: z.number().int().min(1).max(200) }),
]);
export type Quorum = z.infer<typeof Quorum>;

export const CouncilSettings = z.strictObject({
  /** Supports a resident proposal needs, from verified residents of the community, within `collectDays`. */
  supportThreshold: z.number().int().min(1).max(1000),
  collectDays: z.number().int().min(1).max(90),
  /** The least time, in days, between the notice and the meeting. */
  noticeDays: z.number().int().min(1).max(30),
  quorum: Quorum,
  /** How long a published result stays open to objections on the noticeboard. */
  publicDays: z.number().int().min(1).max(60),
});
export type CouncilSettings = z.infer<typeof CouncilSettings>;

export const DEFAULT_COUNCIL_SETTINGS: CouncilSettings = {
  supportThreshold: 10,
  collectDays: 14,
  noticeDays: 3,
  quorum: { rule: 'majority' },
  publicDays: 7,
};

/** PUT /council/settings: every setting (the whole set replaces the one there). */
export const CouncilSettingsBody = CouncilSettings;
export type CouncilSettingsBody = z.infer<typeof CouncilSettingsBody>;

export const CouncilSettingsView = z.object({
  communityId: Id,
  settings: CouncilSettings,
  /** null: the defaults, nobody has changed them. */
  updatedAt: z.string().nullable(),
});
export type CouncilSettingsView = z.infer<typeof CouncilSettingsView>;

// ---------------------------------------------------------------------------------------------------------------
// Requests on topics
// ---------------------------------------------------------------------------------------------------------------

const unique = (ids: readonly string[]) => new Set(ids).size === ids.length;

/** For a resident, by their grid worker or staff, with their consent recorded (as for wishes). */
const OnBehalf = { forResidentId: Id.optional(), consent: z.literal(true).optional() };
const needsConsent = (b: { forResidentId?: string; consent?: true }) => !b.forResidentId || b.consent === true;
const consentIssue = { path: ['consent'], message: "record the resident's consent (consent: true) when acting on their behalf" };

/**
 * POST /council/topics. With `wishIds`: staff or a grid worker raise open wishes of their community; without:
 * a verified resident proposes one (it must gather supports), or staff propose one directly.
 */
export const TopicCreateBody = z.strictObject({
  title: z.string().trim().min(4, 'a title of at least 4 characters').max(60),
  body: Text(2000),
  wishIds: z.array(Id).min(1).max(20).refine(unique, 'each wish once').optional(),
  /** Staff of several communities say which; everyone else's is known. */
  communityId: Id.optional(),
});
export type TopicCreateBody = z.infer<typeof TopicCreateBody>;

export const Stance = z.enum(['support', 'oppose', 'suggest']);
export type Stance = z.infer<typeof Stance>;

export const OpinionBody = z
  .strictObject({
    stance: Stance,
    text: Text(500),
    /** While drafting: the plan it comments on. */
    planId: Id.optional(),
    ...OnBehalf,
  })
  .refine(needsConsent, consentIssue);
export type OpinionBody = z.infer<typeof OpinionBody>;

export const TopicSupportBody = z.strictObject({ ...OnBehalf }).refine(needsConsent, consentIssue);
export type TopicSupportBody = z.infer<typeof TopicSupportBody>;

export const TopicConfirmBody = z.strictObject({ summary: Text(1000) });
export type TopicConfirmBody = z.infer<typeof TopicConfirmBody>;

export const TopicDeclineBody = z.strictObject({ reason: Reason });
export type TopicDeclineBody = z.infer<typeof TopicDeclineBody>;

export const PlanBody = z.strictObject({ title: Text(60), body: Text(2000), cost: Text(100).optional(), who: Text(100).optional() });
export type PlanBody = z.infer<typeof PlanBody>;

export const NoticeBody = z.strictObject({
  meetingAt: z.iso.datetime({ offset: true }),
  /** A slot of the community's 议事厅, booked for the council in the same transaction. */
  slotId: SlotId.optional(),
  place: Text(100),
  agenda: Text(1000),
  /**
   * The seats residents may take as observers (列席). With `slotId`: the room's seats left for them, 20 unless
   * said; without: no limit unless said.
   */
  observerSeats: z.number().int().min(0).max(500).optional(),
});
export type NoticeBody = z.infer<typeof NoticeBody>;

/** Observers' seats of a 议事厅 slot when the notice does not say how many. */
export const DEFAULT_OBSERVER_SEATS = 20;

/** POST /council/topics/{id}/observers and …/observers/cancel: for oneself, or for a resident with consent. */
export const AttendBody = z.strictObject({ ...OnBehalf }).refine(needsConsent, consentIssue);
export type AttendBody = z.infer<typeof AttendBody>;

export const Vote = z.strictObject({
  planId: Id,
  for: z.number().int().min(0).max(10_000),
  against: z.number().int().min(0).max(10_000),
  abstain: z.number().int().min(0).max(10_000),
});
export type Vote = z.infer<typeof Vote>;

export const MeetingBody = z.strictObject({
  /** Member ids from the roster: the members present. */
  attendees: z.array(Id).max(200).refine(unique, 'each member once'),
  residentsPresent: z.number().int().min(0).max(10_000).optional(),
  votes: z
    .array(Vote)
    .max(5)
    .refine((v) => unique(v.map((x) => x.planId)), 'one vote per plan'),
  minutes: Text(5000),
  adoptedPlanId: Id.optional(),
});
export type MeetingBody = z.infer<typeof MeetingBody>;

/** A Beijing date, YYYY-MM-DD. */
export const DateOnly = z.iso.date({ message: 'a date such as 2026-12-01' });

export const TaskBody = z.union([
  /** A linked wish, routed to a team by the normal routing with its normal clocks. */
  z.strictObject({ kind: z.literal('wish'), wishId: Id }),
  /** A new wish, filed for a resident of the community (the proposer's unless said), routed the same way. */
  z.strictObject({
    kind: z.literal('wish'),
    description: z.string().trim().min(4, 'describe the work in at least 4 characters').max(500),
    category: Id,
    buildingId: Id,
    forResidentId: Id.optional(),
  }),
  /** Work of staff or a grid worker, due on a working day. */
  z.strictObject({ kind: z.literal('staff'), title: Text(100), ownerId: Id, dueDate: DateOnly }),
]);
export type TaskBody = z.infer<typeof TaskBody>;

export const TaskDoneBody = z.strictObject({
  note: Text(500),
  /** Closed with `note` as the reason instead of done (staff): a wish task's wish is closed with it. */
  closed: z.boolean().default(false),
});
export type TaskDoneBody = z.infer<typeof TaskDoneBody>;

export const PublishBody = z.strictObject({ summary: Text(2000) });
export type PublishBody = z.infer<typeof PublishBody>;

export const ObjectionBody = z.strictObject({ text: Text(500), ...OnBehalf }).refine(needsConsent, consentIssue);
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const AnswerBody = z.strictObject({ text: Text(500) });
export type AnswerBody = z.infer<typeof AnswerBody>;

export const TopicIdPath = z.strictObject({ id: Id });
export type TopicIdPath = z.infer<typeof TopicIdPath>;
/** A task's id is `<topicId>_<n>`: the topic it belongs to is in its name. */
export const TaskId = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9-]+_\d{1,3}$/, 'a task id from GET /council/topics/{id}');
export const TaskIdPath = z.strictObject({ id: TaskId });
export type TaskIdPath = z.infer<typeof TaskIdPath>;
export const ObjectionPath = z.strictObject({ id: Id, objectionId: Id });
export type ObjectionPath = z.infer<typeof ObjectionPath>;

export const TopicListQuery = PageQuery.extend({ step: CouncilStep.optional(), communityId: Id.optional() });
export type TopicListQuery = z.infer<typeof TopicListQuery>;

export const NoticeboardQuery = PageQuery.extend({ communityId: Id.optional() });
export type NoticeboardQuery = z.infer<typeof NoticeboardQuery>;

// ---------------------------------------------------------------------------------------------------------------
// A topic as stored and shown
// ---------------------------------------------------------------------------------------------------------------

export const Plan = z.object({
  id: Id,
  title: z.string(),
  body: z.string(),
  cost: z.string().nullable(),
  who: z.string().nullable(),
  at: z.string(),
});
export type Plan = z.infer<typeof Plan>;

export const MeetingNotice = z.object({
  meetingAt: IsoTime,
  place: z.string(),
  agenda: z.string(),
  slotId: SlotId.nullable(),
  at: z.string(),
  byName: z.string(),
  /** The invitees were reminded the day before (tick). */
  remindedAt: z.string().nullable(),
  /** Seats for residents who register to attend (列席); null: no limit. */
  observerSeats: z.number().int().min(0).nullable().default(null),
});
export type MeetingNotice = z.infer<typeof MeetingNotice>;

export const MeetingOutcome = z.enum([
  /** 流会: too few of the invited representatives and building heads came; the topic needs a new notice. */
  'no_quorum',
  /** No plan was adopted: back to drafting. */
  'no_agreement',
  'adopted',
]);
export type MeetingOutcome = z.infer<typeof MeetingOutcome>;

export const MeetingRecord = z.object({
  at: z.string(),
  meetingAt: IsoTime,
  recordedByName: z.string(),
  attendees: z.array(z.object({ memberId: Id, name: z.string(), kind: MemberKind, organisation: z.string().nullable() })),
  /** The representatives and building heads invited (the roster's), present, and needed for the quorum. */
  invited: z.number().int().min(0),
  present: z.number().int().min(0),
  needed: z.number().int().min(0),
  residentsPresent: z.number().int().min(0),
  votes: z.array(z.object({ planId: Id, for: z.number(), against: z.number(), abstain: z.number() })),
  minutes: z.string(),
  adoptedPlanId: Id.nullable(),
  outcome: MeetingOutcome,
});
export type MeetingRecord = z.infer<typeof MeetingRecord>;

export const TopicResult = z.object({ summary: z.string(), publishedAt: z.string(), publicUntil: z.string(), byName: z.string() });
export type TopicResult = z.infer<typeof TopicResult>;

export const Topic = z.object({
  id: Id,
  communityId: Id,
  streetId: Id,
  title: z.string(),
  body: z.string(),
  origin: TopicOrigin,
  proposerId: Id,
  proposerName: z.string(),
  step: CouncilStep,
  /** Supports counted (atomic ADD, once per person). */
  supporters: z.number().int().min(0),
  /** A resident proposal: the supports it needs, and by when (the settings when it was proposed). */
  supportThreshold: z.number().int().nullable(),
  collectUntil: z.string().nullable(),
  wishIds: z.array(Id).max(20),
  /** Who is told at each step: the proposer and the owners of the linked wishes. */
  followers: z.array(Id),
  summary: z.string().nullable(),
  declineReason: z.string().nullable(),
  plans: z.array(Plan).max(5),
  notice: MeetingNotice.nullable(),
  meetings: z.array(MeetingRecord).max(20),
  adoptedPlanId: Id.nullable(),
  taskCount: z.number().int().min(0),
  result: TopicResult.nullable(),
  closedAt: z.string().nullable(),
  /** When the clock next needs to look at it (lapse, reminder, close); null: never. */
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Topic = z.infer<typeof Topic>;

/** One move of a topic, with who and when: its steps as the detail shows them. */
export const TopicEvent = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: z.union([z.literal('propose'), CouncilAction]),
  from: CouncilStep.nullable(),
  to: CouncilStep,
  actorId: z.string(),
  actorName: z.string(),
  actorRole: CouncilRole,
  note: z.string().nullable(),
});
export type TopicEvent = z.infer<typeof TopicEvent>;

/** Who acted for a resident, with the moment the resident agreed. */
export const FiledBy = z.object({ userId: Id, name: z.string(), consentAt: z.string() });

export const Opinion = z.object({
  id: Id,
  topicId: Id,
  userId: Id,
  name: z.string(),
  stance: Stance,
  text: z.string(),
  planId: Id.nullable(),
  at: z.string(),
  filedBy: FiledBy.nullable(),
});
export type Opinion = z.infer<typeof Opinion>;

export const Objection = z.object({
  id: Id,
  topicId: Id,
  userId: Id,
  name: z.string(),
  text: z.string(),
  at: z.string(),
  filedBy: FiledBy.nullable(),
  answer: z.object({ text: z.string(), at: z.string(), byName: z.string() }).nullable(),
});
export type Objection = z.infer<typeof Objection>;

export const TaskKind = z.enum(['wish', 'staff']);
export type TaskKind = z.infer<typeof TaskKind>;
export const TaskStatus = z.enum(['open', 'done', 'closed']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const CouncilTask = z.object({
  id: TaskId,
  topicId: Id,
  communityId: Id,
  kind: TaskKind,
  title: z.string(),
  /** A wish task: the wish, whose own life (routed, done, confirmed by its owner) decides the task's. */
  wishId: Id.nullable(),
  /** A staff task: its owner (staff or grid worker) and due date, the end of that working day. */
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** As recorded: a wish task stays `open` here until closed; its wish says when it is done. */
  status: TaskStatus,
  note: z.string().nullable(),
  finishedAt: z.string().nullable(),
  finishedByName: z.string().nullable(),
  lateWarnedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int().min(1),
});
export type CouncilTask = z.infer<typeof CouncilTask>;

export const TaskView = CouncilTask.omit({ version: true, lateWarnedAt: true }).extend({
  /** Past its due time and not finished: shown red. */
  late: z.boolean(),
  wishStatus: WishStatus.nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

export const LinkedWish = z.object({
  id: Id,
  categoryName: z.string(),
  buildingName: z.string(),
  status: WishStatus,
  /** Masked for anyone but the people who run its queue. */
  ownerName: z.string(),
  /** Its owner confirmed the work (or the week passed); false while open or closed unfixed. */
  confirmed: z.boolean(),
});
export type LinkedWish = z.infer<typeof LinkedWish>;

/** A topic as a viewer sees it: the proposer's name masked for residents. */
export const TopicView = Topic.omit({ version: true, dueAt: true }).extend({
  /** Of the seven steps (1 收集意见 … 7 反馈公示), the one it is at; an end keeps the last it reached. */
  stepNumber: z.number().int().min(1).max(7),
});
export type TopicView = z.infer<typeof TopicView>;

/** A resident registered to attend a meeting as an observer (列席), for the notice in force. */
export const Observer = z.object({
  topicId: Id,
  /** The notice registered for (its `at`): a new notice after 流会 starts a new list. */
  noticeAt: z.string(),
  userId: Id,
  name: z.string(),
  at: z.string(),
  filedBy: FiledBy.nullable(),
});
export type Observer = z.infer<typeof Observer>;

/** The meeting's observers as the viewer sees them: how many, the seats left, and whether the viewer is one. */
export const Attendance = z.object({
  observers: z.number().int().min(0),
  /** null: no limit. */
  seats: z.number().int().min(0).nullable(),
  seatsLeft: z.number().int().min(0).nullable(),
  /** The viewer registered for this meeting. */
  registered: z.boolean(),
  /** Registration is open: the meeting is noticed and has not begun. */
  open: z.boolean(),
});
export type Attendance = z.infer<typeof Attendance>;

/** GET /council/topics/{id}/observers (staff, grid workers): who registered to attend, in order. */
export const ObserverList = z.object({
  topicId: Id,
  meetingAt: z.string(),
  attendance: Attendance,
  items: z.array(Observer.omit({ topicId: true, noticeAt: true })),
});
export type ObserverList = z.infer<typeof ObserverList>;

export const TopicDetail = z.object({
  topic: TopicView,
  steps: z.array(TopicEvent),
  opinions: z.array(Opinion),
  objections: z.array(Objection),
  tasks: z.array(TaskView),
  wishes: z.array(LinkedWish),
  /** What the viewer may do now, from the machine (before checks that need a body). */
  allowedActions: z.array(CouncilAction),
  supporting: z.boolean(),
  /** While a meeting is noticed: its observers and seats; null otherwise. */
  attendance: Attendance.nullable(),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

export const TopicPage = page(TopicView);
export type TopicPage = z.infer<typeof TopicPage>;

export const BoardKind = z.enum(['notice', 'result', 'declined']);
export type BoardKind = z.infer<typeof BoardKind>;

/** A sheet on the community's noticeboard: a meeting notice, a published result, or why a topic ended. */
export const BoardEntry = z.object({
  id: z.string(),
  communityId: Id,
  topicId: Id,
  kind: BoardKind,
  title: z.string(),
  at: z.string(),
  /** It is taken down then: after the meeting, at the end of the publicity window. */
  until: z.string(),
  meetingAt: z.string().nullable(),
  place: z.string().nullable(),
  agenda: z.string().nullable(),
  summary: z.string().nullable(),
  plan: z.object({ title: z.string(), body: z.string() }).nullable(),
  tasks: z.array(z.object({ title: z.string(), status: TaskStatus, finishedAt: z.string().nullable(), note: z.string().nullable() })),
  wishes: z.array(LinkedWish.omit({ ownerName: true })),
});
export type BoardEntry = z.infer<typeof BoardEntry>;

export const BoardPage = page(BoardEntry);
export type BoardPage = z.infer<typeof BoardPage>;
