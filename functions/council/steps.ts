import { AppError, invalid, notFound } from '../../shared/errors';
import {
  assertMeetingHeld,
  assertVotesWithin,
  assertNotice,
  assertPlanRoom,
  assertSupported,
  assertTasksFinished,
  meetingOutcome,
  publicUntilOf,
  quorumMembers,
  quorumOf,
} from '../../shared/domain/council-machine';
import { followerNotices, invitationNotices } from '../../shared/domain/council/notify';
import { declinedEntry, noticeEntry, resultEntry } from '../../shared/domain/council/view';
import { heldBy, returnWish } from '../../shared/domain/council/wishes';
import type {
  MeetingBody,
  MeetingOutcome,
  MeetingRecord,
  NoticeBody,
  PlanBody,
  PublishBody,
  TopicConfirmBody,
  TopicDeclineBody,
  TopicDetail,
} from '../../shared/schemas/council';
import { DEFAULT_OBSERVER_SEATS } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { getSlot, slotUpdate } from '../data/booking/slots';
import { boardPut } from '../data/council/board';
import { seatsPut } from '../data/council/observers';
import { councilOf } from '../data/council/roster';
import { roomHoldPut, topicWithChildren } from '../data/council/topics';
import type { TransactItem } from '../data/transactions';
import { getWish } from '../data/wishes';
import { councilWishItems } from '../data/council/wish-moves';
import { taskViews, wishesOf } from './detail';
import { moveTopic } from './move';

/** 确认议题: staff confirm the topic with a summary of the opinions (a resident proposal only once it has its supports). */
export const confirmTopic = (user: User, id: string, body: TopicConfirmBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'confirm', now, async ({ topic }) => {
    assertSupported(topic);
    return {
      patch: { summary: body.summary },
      note: body.summary,
      notices: (next) => followerNotices(next, { kind: 'confirm' }, next.followers, user.id),
    };
  });

/**
 * 确认议题, declined: the reason goes on the noticeboard, and every wish the topic still holds goes back to triage
 * in the same transaction, its clocks running again from now.
 */
export const declineTopic = (user: User, id: string, body: TopicDeclineBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'decline', now, async ({ topic, actor, clock, at }) => {
    const [wishes, council] = await Promise.all([Promise.all(topic.wishIds.map(getWish)), councilOf(topic.communityId)]);
    const back = wishes
      .filter((w) => heldBy(w, topic.id))
      .map((w) => ({ before: w!, ...returnWish(w!, actor, at, clock, `居民议事会未立项:${body.reason};退回待派单`) }));
    const next = { ...topic, declineReason: body.reason };
    return {
      patch: { declineReason: body.reason },
      note: body.reason,
      extra: [boardPut(declinedEntry(next, at, council.settings.settings.publicDays)), ...(await councilWishItems(back))],
      notices: (n) => followerNotices(n, { kind: 'decline' }, n.followers, user.id),
    };
  });

/** 制定方案: one of at most five plans. */
export const addPlan = (user: User, id: string, body: PlanBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'add_plan', now, async ({ topic, at }) => {
    assertPlanRoom(topic.plans.length);
    const plan = {
      id: `p${topic.plans.length + 1}`,
      title: body.title,
      body: body.body,
      cost: body.cost ?? null,
      who: body.who ?? null,
      at,
    };
    return { patch: { plans: [...topic.plans, plan] }, note: `方案${topic.plans.length + 1}:${body.title}` };
  });

/**
 * 发布公告: the meeting at least `noticeDays` ahead, the notice on the noticeboard, every member invited. With a
 * slot of the community's 议事厅, the room is held for the council in the same transaction, under the slot's own
 * seat condition (the booking data layer's): 409 SLOT_FULL when someone has it.
 */
export const noticeTopic = (user: User, id: string, body: NoticeBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'notice', now, async ({ topic, at }) => {
    const meetingAtMs = Date.parse(body.meetingAt);
    const { roster, settings } = await councilOf(topic.communityId);
    assertNotice({
      nowMs: now.getTime(),
      meetingAtMs,
      noticeDays: settings.settings.noticeDays,
      plans: topic.plans.length,
      invited: quorumMembers(roster.members).length,
    });
    const room: TransactItem[] = [];
    if (body.slotId) {
      const slot = await getSlot(body.slotId);
      if (!slot || slot.communityId !== topic.communityId || slot.kind !== 'room') throw notFound('slot');
      if (meetingAtMs < Date.parse(slot.start) || meetingAtMs >= Date.parse(slot.end)) {
        throw invalid('body.meetingAt', `the meeting must fall within the slot booked (${slot.start} to ${slot.end})`);
      }
      if (slot.status !== 'open') throw new AppError('SLOT_CLOSED', 'this slot of the room is closed');
      const oneSeat = { booked: 1, selfBooked: 0, waiting: 0, applicants: 0, checkedIn: 0, waitJoins: 0, waitVersion: 0 };
      room.push(
        slotUpdate(slot.id, oneSeat, { open: true, seat: 'all' }, at),
        roomHoldPut(slot.id, topic.id, topic.title, at, body.observerSeats ?? DEFAULT_OBSERVER_SEATS),
      );
    }
    const observerSeats = body.slotId ? (body.observerSeats ?? DEFAULT_OBSERVER_SEATS) : (body.observerSeats ?? null);
    // Without a room, a limit on the observers is counted on an item of the topic (after the room's, by position).
    if (!body.slotId && observerSeats !== null) room.push(seatsPut(topic.id, at, observerSeats));
    const notice = {
      meetingAt: new Date(meetingAtMs).toISOString(),
      place: body.place,
      agenda: body.agenda,
      slotId: body.slotId ?? null,
      at,
      byName: user.name,
      remindedAt: null,
      observerSeats,
    };
    return {
      patch: { notice },
      note: `${notice.meetingAt} ${body.place}`,
      // The room first, so its refusal is read by position: [2] the slot's seats, [3] the council's hold of it.
      extra: [...room, boardPut(noticeEntry({ ...topic, notice }, at))],
      notices: (next) => [
        ...invitationNotices(next, roster.members, user.id),
        ...followerNotices(next, { kind: 'notice' }, next.followers, user.id),
      ],
      refused: (codes) =>
        room.length && codes[2] === 'ConditionalCheckFailed'
          ? new AppError('SLOT_FULL', 'this slot of the room is taken; choose another')
          : room.length && codes[3] === 'ConditionalCheckFailed'
            ? new AppError('WRONG_STEP', 'this slot is already held for this topic')
            : null,
    };
  });

const OUTCOME_NOTE: Record<MeetingOutcome, string> = {
  no_quorum: '流会:到会的居民代表和楼院长不足法定人数,需重新发布公告',
  no_agreement: '未达成一致,退回制定方案',
  adopted: '通过方案',
};

/**
 * 组织协商: once the meeting has been held, who came (members from the roster), the votes, the minutes. The
 * quorum is counted against the roster: without it the meeting is 流会 and the topic needs a new notice; without
 * an adopted plan it goes back to drafting; with one, on to 结果运用.
 */
export const recordMeeting = (user: User, id: string, body: MeetingBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'meeting', now, async ({ topic, at }) => {
    const notice = topic.notice!;
    assertMeetingHeld(now.getTime(), Date.parse(notice.meetingAt));
    // A topic keeps at most 20 meeting records (its item must stay readable); a 21st is refused, not stored.
    if (topic.meetings.length >= 20) throw new AppError('WRONG_STEP', 'this topic has met 20 times; decline it or publish a result');
    const { roster, settings } = await councilOf(topic.communityId);
    const byId = new Map(roster.members.map((m) => [m.id, m]));
    const strangers = body.attendees.filter((a) => !byId.has(a));
    if (strangers.length) throw invalid('body.attendees', `not on the council's roster: ${strangers.join(', ')}`);
    const quorum = quorumOf(roster.members, body.attendees, settings.settings.quorum);
    assertVotesWithin(body.votes, body.attendees.length + (body.residentsPresent ?? 0));
    const outcome = meetingOutcome({
      quorate: quorum.quorate,
      planIds: topic.plans.map((p) => p.id),
      votes: body.votes,
      adoptedPlanId: body.adoptedPlanId,
    });
    const record: MeetingRecord = {
      at,
      meetingAt: notice.meetingAt,
      recordedByName: user.name,
      attendees: body.attendees.map((a) => {
        const m = byId.get(a)!;
        return { memberId: m.id, name: m.name, kind: m.kind, organisation: m.organisation };
      }),
      invited: quorum.invited,
      present: quorum.present,
      needed: quorum.needed,
      residentsPresent: body.residentsPresent ?? 0,
      votes: body.votes,
      minutes: body.minutes,
      adoptedPlanId: outcome === 'adopted' ? body.adoptedPlanId! : null,
      outcome,
    };
    const plan = topic.plans.find((p) => p.id === record.adoptedPlanId);
    return {
      patch: { meetings: [...topic.meetings, record], adoptedPlanId: record.adoptedPlanId ?? topic.adoptedPlanId },
      outcome,
      note: `${OUTCOME_NOTE[outcome]}${plan ? `「${plan.title}」` : ''}(到会 ${quorum.present}/${quorum.invited},需 ${quorum.needed})`,
      notices: (next) => followerNotices(next, { kind: 'meeting', outcome }, next.followers, user.id),
    };
  });

/**
 * 反馈公示: once every task is done or closed, the result goes on the noticeboard for `publicDays`: the decision,
 * the plan, every task with its result and dates, the linked wishes and whether their owners confirmed.
 */
export const publishTopic = (user: User, id: string, body: PublishBody, now: Date): Promise<TopicDetail> =>
  moveTopic(user, id, 'publish', now, async ({ topic, at }) => {
    const [found, council] = await Promise.all([topicWithChildren(topic.id), councilOf(topic.communityId)]);
    const tasks = found?.tasks ?? [];
    const wishes = await wishesOf(topic, tasks);
    const views = taskViews(tasks, wishes, now.getTime());
    assertTasksFinished(views.map((t) => t.status));
    const result = {
      summary: body.summary,
      publishedAt: at,
      publicUntil: publicUntilOf(now.getTime(), council.settings.settings.publicDays),
      byName: user.name,
    };
    const next = { ...topic, result };
    return {
      patch: { result },
      note: body.summary,
      extra: [boardPut(resultEntry(next, views, [...wishes.values()], at))],
      notices: (n) => followerNotices(n, { kind: 'publish' }, n.followers, user.id),
    };
  });
