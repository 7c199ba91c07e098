import { DevUserList, Session } from '@shared/schemas/auth';
import { Notification, NotificationPage, Subscriptions, UnreadCount, type PushTemplate } from '@shared/schemas/notifications';
import { MyCredits } from '@shared/schemas/credits';
import {
  Comparison,
  FigureWishPage,
  FiguresView,
  MonthlyReport,
  Trend,
  type CountKey,
  type FigurePart,
  type FigureKey,
  type FigureScope,
} from '@shared/schemas/figures';
import { NeedsList, ProblemsList, ResourcesList, type ListScope } from '@shared/schemas/lists';
import { CalendarOverview, CalendarYear, type CalendarYearBody } from '@shared/schemas/calendar';
import { CategoryList, CategoryView, PlaceTree, type CategoryBody, type SkillOverrideBody } from '@shared/schemas/places';
import { CandidateList, SimilarList, type QueueQuery } from '@shared/schemas/queue';
import { SlaLimitsView } from '@shared/schemas/sla';
import {
  Application,
  ApplicationPage,
  Partnership,
  PartnershipPage,
  Team,
  TeamPage,
  TeamSummaryPage,
  type ApplicationBody,
  type DecisionBody,
  type PartnershipOfferBody,
  type TeamBody,
  type VolunteerProfileBody,
} from '@shared/schemas/teams';
import { BookingPage, BookingView, type BookingCreateBody, type CancelBody, type OfferBody } from '@shared/schemas/bookings';
import { DrawStep, DrawView, type PublicNumberBody } from '@shared/schemas/draws';
import { Service, ServicePage, type ServiceUpdateBody } from '@shared/schemas/services';
import { SlotPage, SlotView, type SlotUpdateBody } from '@shared/schemas/slots';
import { Me, Resident, ResidentPage, SignedOut, type MeUpdateBody } from '@shared/schemas/users';
import { WallPage, WishDetail, WishPage, type ActionBody, type UserAction, type WishCreateBody } from '@shared/schemas/wishes';
import {
  BoardPage,
  CouncilRoster,
  TopicDetail,
  TopicPage,
  type MeetingBody,
  type NoticeBody,
  type OpinionBody,
  type PlanBody,
  type TaskBody,
  type TaskDoneBody,
  type TopicCreateBody,
} from '@shared/schemas/council';
import { request } from './request';

/** Typed calls of the API; every answer is parsed with the shared schema of its route, never retyped here. */
export const api = {
  devUsers: () => request('GET', '/auth/dev-users', DevUserList),
  devLogin: (userId: string) => request('POST', '/auth/dev-login', Session, { body: { userId } }),
  wechatLogin: (code: string) => request('POST', '/auth/wechat', Session, { body: { code } }),
  signOut: () => request('POST', '/auth/sign-out', SignedOut, { body: {} }),
  me: () => request('GET', '/me', Me),
  updateMe: (body: MeUpdateBody) => request('PATCH', '/me', Me, { body }),
  categories: (communityId?: string) => request('GET', '/categories', CategoryList, { query: { communityId } }),
  places: () => request('GET', '/places', PlaceTree),
  teams: (cursor?: string) => request('GET', '/teams', TeamPage, { query: { cursor } }),
  residents: (cursor?: string) => request('GET', '/residents', ResidentPage, { query: { cursor } }),
  verifyResident: (id: string) => request('POST', `/residents/${encodeURIComponent(id)}/verify`, Resident, { body: {} }),
  myWishes: (cursor?: string) => request('GET', '/wishes', WishPage, { query: { scope: 'mine', cursor } }),
  wish: (id: string) => request('GET', `/wishes/${encodeURIComponent(id)}`, WishDetail),
  submitWish: (body: WishCreateBody, idempotencyKey: string) => request('POST', '/wishes', WishDetail, { body, idempotencyKey }),
  tasks: (view: 'open' | 'mine', cursor?: string) => request('GET', '/tasks', WishPage, { query: { view, cursor } }),
  wall: (cursor?: string) => request('GET', '/wall', WallPage, { query: { cursor } }),
  triage: (query: Partial<Omit<QueueQuery, 'limit'>>, cursor?: string) =>
    request('GET', '/triage', WishPage, { query: { ...(query as Record<string, string | undefined>), cursor } }),
  candidates: (id: string) => request('GET', `/wishes/${encodeURIComponent(id)}/candidates`, CandidateList),
  similar: (buildingId: string, category: string) => request('GET', '/wishes/similar', SimilarList, { query: { buildingId, category } }),
  support: (id: string) => request('POST', `/wishes/${encodeURIComponent(id)}/support`, WishDetail, { body: {} }),
  supported: (cursor?: string) => request('GET', '/wishes', WishPage, { query: { scope: 'supported', cursor } }),
  teamDirectory: (cursor?: string) => request('GET', '/teams/directory', TeamSummaryPage, { query: { cursor } }),
  apply: (teamId: string, body: ApplicationBody) =>
    request('POST', `/teams/${encodeURIComponent(teamId)}/applications`, Application, { body }),
  myApplications: (cursor?: string) => request('GET', '/me/applications', ApplicationPage, { query: { cursor } }),
  teamApplications: (teamId: string, cursor?: string) =>
    request('GET', `/teams/${encodeURIComponent(teamId)}/applications`, ApplicationPage, { query: { cursor } }),
  decide: (teamId: string, userId: string, body: DecisionBody) =>
    request('POST', `/teams/${encodeURIComponent(teamId)}/applications/${encodeURIComponent(userId)}/decide`, Application, { body }),
  updateVolunteer: (body: VolunteerProfileBody) => request('PATCH', '/me/volunteer', Me, { body }),
  updateTeam: (id: string, body: TeamBody) => request('PATCH', `/teams/${encodeURIComponent(id)}`, Team, { body }),
  removeMember: (teamId: string, userId: string) =>
    request('DELETE', `/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`, Team),
  partnerships: (cursor?: string) => request('GET', '/partnerships', PartnershipPage, { query: { cursor } }),
  offerPartnership: (body: PartnershipOfferBody) => request('POST', '/partnerships', Partnership, { body }),
  decidePartnership: (id: string, change: 'accept' | 'end') =>
    request('POST', `/partnerships/${encodeURIComponent(id)}/${change}`, Partnership, { body: {} }),
  updateCategory: (id: string, body: CategoryBody) => request('PUT', `/categories/${encodeURIComponent(id)}`, CategoryView, { body }),
  setCommunitySkill: (communityId: string, id: string, body: SkillOverrideBody) =>
    request('PUT', `/communities/${encodeURIComponent(communityId)}/categories/${encodeURIComponent(id)}`, CategoryView, { body }),
  clearCommunitySkill: (communityId: string, id: string) =>
    request('DELETE', `/communities/${encodeURIComponent(communityId)}/categories/${encodeURIComponent(id)}`, CategoryView),
  calendar: () => request('GET', '/calendar', CalendarOverview),
  putCalendarYear: (year: number, body: CalendarYearBody) => request('PUT', `/calendar/${year}`, CalendarYear, { body }),
  slaLimits: (streetId?: string) => request('GET', '/sla-limits', SlaLimitsView, { query: { streetId } }),
  notifications: (cursor?: string) => request('GET', '/notifications', NotificationPage, { query: { cursor } }),
  unreadCount: () => request('GET', '/notifications/unread-count', UnreadCount),
  readNotification: (id: string) => request('POST', `/notifications/${encodeURIComponent(id)}/read`, Notification, { body: {} }),
  readAllNotifications: () => request('POST', '/notifications/read-all', UnreadCount, { body: {} }),
  subscribe: (accepted: PushTemplate[]) => request('POST', '/me/subscriptions', Subscriptions, { body: { accepted } }),
  services: (cursor?: string) => request('GET', '/services', ServicePage, { query: { cursor } }),
  service: (id: string) => request('GET', `/services/${encodeURIComponent(id)}`, Service),
  slots: (serviceId: string, forResidentId?: string, cursor?: string) =>
    request('GET', `/services/${encodeURIComponent(serviceId)}/slots`, SlotPage, { query: { forResidentId, cursor } }),
  updateService: (id: string, body: ServiceUpdateBody) => request('PATCH', `/services/${encodeURIComponent(id)}`, Service, { body }),
  changeSlot: (id: string, body: SlotUpdateBody) => request('PATCH', `/slots/${encodeURIComponent(id)}`, SlotView, { body }),
  draw: (serviceId: string, slotId: string) =>
    request('GET', `/services/${encodeURIComponent(serviceId)}/draws/${encodeURIComponent(slotId)}`, DrawView),
  commitDraw: (slotId: string, commitment: string) =>
    request('POST', `/slots/${encodeURIComponent(slotId)}/draw/commitments`, DrawStep, { body: { commitment } }),
  revealDraw: (slotId: string, secret: string) =>
    request('POST', `/slots/${encodeURIComponent(slotId)}/draw/reveals`, DrawStep, { body: { secret } }),
  enterPublicNumber: (slotId: string, body: PublicNumberBody) =>
    request('POST', `/slots/${encodeURIComponent(slotId)}/draw/public-number`, DrawStep, { body }),
  book: (body: BookingCreateBody, idempotencyKey: string) => request('POST', '/bookings', BookingView, { body, idempotencyKey }),
  bookings: (scope: 'mine' | 'made', cursor?: string) => request('GET', '/bookings', BookingPage, { query: { scope, cursor } }),
  booking: (id: string) => request('GET', `/bookings/${encodeURIComponent(id)}`, BookingView),
  changeBooking: (id: string, change: 'cancel' | 'accept' | 'decline', body: CancelBody | OfferBody) =>
    request('POST', `/bookings/${encodeURIComponent(id)}/${change}`, BookingView, { body }),
  roster: (date: string, cursor?: string) => request('GET', '/roster', SlotPage, { query: { date, cursor } }),
  slotBookings: (slotId: string, cursor?: string) =>
    request('GET', `/slots/${encodeURIComponent(slotId)}/bookings`, BookingPage, { query: { cursor } }),
  checkIn: (bookingId: string) => request('POST', `/bookings/${encodeURIComponent(bookingId)}/check-in`, BookingView, { body: {} }),
  figures: (scope: FigureScope, id: string, month?: string) => request('GET', '/figures', FiguresView, { query: { scope, id, month } }),
  figureTrend: (scope: FigureScope, id: string, month?: string) =>
    request('GET', '/figures/trend', Trend, { query: { scope, id, month, months: '6' } }),
  figureCompare: (scope: 'community' | 'street', id: string, month?: string) =>
    request('GET', '/figures/compare', Comparison, { query: { scope, id, month } }),
  figureWishes: (
    q: { scope: FigureScope; id: string; month: string } & ({ figure: FigureKey; part: FigurePart } | { count: CountKey }),
    cursor?: string,
  ) => request('GET', '/figures/wishes', FigureWishPage, { query: { ...q, cursor } }),
  monthlyReport: (communityId?: string, month?: string) =>
    request('GET', '/figures/report', MonthlyReport, { query: { communityId, month } }),
  needsList: (scope: ListScope, id: string) => request('GET', '/lists/needs', NeedsList, { query: { scope, id } }),
  resourcesList: (scope: ListScope, id: string) => request('GET', '/lists/resources', ResourcesList, { query: { scope, id } }),
  problemsList: (scope: ListScope, id: string) => request('GET', '/lists/problems', ProblemsList, { query: { scope, id } }),
  myCredits: (cursor?: string) => request('GET', '/credits/me', MyCredits, { query: { cursor } }),
  councilTopics: (cursor?: string) => request('GET', '/council/topics', TopicPage, { query: { cursor } }),
  councilTopic: (id: string) => request('GET', `/council/topics/${encodeURIComponent(id)}`, TopicDetail),
  noticeboard: (cursor?: string) => request('GET', '/noticeboard', BoardPage, { query: { cursor } }),
  councilMembers: () => request('GET', '/council/members', CouncilRoster),
  raiseTopic: (body: TopicCreateBody, idempotencyKey: string) => request('POST', '/council/topics', TopicDetail, { body, idempotencyKey }),
  opine: (id: string, body: OpinionBody) => request('POST', `/council/topics/${encodeURIComponent(id)}/opinions`, TopicDetail, { body }),
  supportTopic: (id: string) => request('POST', `/council/topics/${encodeURIComponent(id)}/support`, TopicDetail, { body: {} }),
  /** A staff move of a topic's step: confirm, decline, a plan, the notice, the meeting, a task, the result. */
  moveTopic: <M extends keyof TopicMoves>(id: string, move: M, body: TopicMoves[M]) =>
    request('POST', `/council/topics/${encodeURIComponent(id)}/${move}`, TopicDetail, { body }),
  finishCouncilTask: (id: string, body: Partial<TaskDoneBody> & { note: string }) =>
    request('POST', `/council/tasks/${encodeURIComponent(id)}/done`, TopicDetail, { body }),
  act: <A extends UserAction>(id: string, action: A, body: ActionBody<A>) =>
    request('POST', `/wishes/${encodeURIComponent(id)}/${action.replaceAll('_', '-')}`, WishDetail, { body }),
};

/** The body of each staff move of a topic, by the last segment of its route. */
export interface TopicMoves {
  confirm: { summary: string };
  decline: { reason: string };
  plans: PlanBody;
  notice: NoticeBody;
  meeting: MeetingBody;
  tasks: TaskBody;
  publish: { summary: string };
}
