import { randomUUID } from 'node:crypto';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { assertMay, assertObjectionWindow } from '../../shared/domain/council-machine';
import { roleFor, type CouncilViewer } from '../../shared/domain/council/access';
import { answerNotices, objectionNotices } from '../../shared/domain/council/notify';
import { assertVerifiedMemberOf, isVerifiedMemberOf } from '../../shared/domain/membership';
import { managesResident } from '../../shared/domain/residents';
import type {
  AnswerBody,
  CouncilAction,
  CouncilRole,
  Objection,
  ObjectionBody,
  OpinionBody,
  Topic,
  TopicDetail,
  TopicSupportBody,
} from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { addObjection, addOpinion, addSupport, answerObjection, getObjection, getTopic } from '../data/council/topics';
import { supportAsResident, supportItems } from '../data/council/topic-support';
import { notificationWrites } from '../data/notifications';
import { consumeWrite, writeLimitRefusal } from '../data/rate-limits';
import { cancellationCodes, isCancelled, type TransactItem } from '../data/transactions';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getUser } from '../data/users';
import { viewerIn } from './access';
import { topicDetail } from './detail';

interface OnBehalf {
  forResidentId?: string;
  consent?: true;
}

/**
 * Who speaks in a resident's action (an opinion, a support, an objection): the resident themselves, or a resident
 * their grid worker or the community's staff act for, with the resident's consent recorded (as for wishes). Either
 * way the resident is one whose home in the topic's community is verified (403 NOT_VERIFIED otherwise).
 */
export async function speaker(
  user: User,
  topic: Topic,
  viewer: CouncilViewer,
  action: CouncilAction,
  body: OnBehalf,
  at: string,
): Promise<{ resident: User; role: CouncilRole; filedBy: Objection['filedBy'] }> {
  if (body.forResidentId && body.forResidentId !== user.id) {
    const role = viewer.roles.find((r) => r === 'staff' || r === 'gridWorker');
    if (!role) throw forbidden('only grid workers and staff act for a resident');
    assertMay(topic.step, action, role);
    const resident = await getUser(body.forResidentId);
    if (!resident || !managesResident(user, resident) || resident.home?.communityId !== topic.communityId) throw notFound('resident');
    assertVerifiedMemberOf(resident, topic.communityId, 'resident');
    return { resident, role, filedBy: { userId: user.id, name: user.name, consentAt: at } };
  }
  if (!viewer.roles.includes('resident')) {
    if (viewer.roles.length) throw invalid('body.forResidentId', 'name the resident you act for, with their consent');
    throw forbidden('only residents of this community take part in its council');
  }
  assertMay(topic.step, action, 'resident');
  assertVerifiedMemberOf(user, topic.communityId);
  return { resident: user, role: 'resident', filedBy: null };
}

export async function readable(user: User, id: string): Promise<{ topic: Topic; viewer: CouncilViewer }> {
  const topic = await getTopic(id);
  const viewer = topic ? await viewerIn(user, topic.communityId) : null;
  if (!topic || !viewer?.reads) throw notFound('topic');
  return { topic, viewer };
}

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** 收集意见: an opinion (support, oppose, suggest), or while drafting a comment on one of the plans. */
export async function giveOpinion(user: User, id: string, body: OpinionBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  const at = now.toISOString();
  const { resident, filedBy } = await speaker(user, topic, viewer, 'opine', body, at);
  if (body.planId && !topic.plans.some((p) => p.id === body.planId)) throw invalid('body.planId', 'no such plan on this topic');
  await addOpinion({
    id: shortId(),
    topicId: topic.id,
    userId: resident.id,
    name: resident.name,
    stance: body.stance,
    text: body.text,
    planId: body.planId ?? null,
    at,
    filedBy,
  });
  return topicDetail(user, id, now);
}

/** Residents supporting at once: many short waits on the one counter, well inside the function's 20 s. */
const SUPPORT_BUDGET_MS = 12_000;

/**
 * Support, once per person: the supporter's item and the topic's counter (ADD) in one transaction, never a
 * version, so a crowd supporting at once is each counted once; a second support is answered as the first.
 * A verified resident supporting for themselves goes straight to that transaction, its rules as conditions and
 * the write limit in it (supportAsResident); only a refusal reads, through the checks below, to say why.
 */
export async function supportTopic(
  user: User,
  id: string,
  body: TopicSupportBody,
  now: Date,
  writeLimit?: TransactItem,
): Promise<TopicDetail> {
  const home = user.home?.communityId;
  const forSelf = !body.forResidentId || body.forResidentId === user.id;
  if (writeLimit && forSelf && home && isVerifiedMemberOf(user, home)) {
    const items = supportItems({ topicId: id, userId: user.id, at: now.toISOString(), filedBy: null }, home, writeLimit);
    const counted = await optimistic(
      'support a council topic',
      async () => {
        try {
          await supportAsResident(items);
          return true;
        } catch (error) {
          if (!isCancelled(error)) throw error;
          const limited = writeLimitRefusal(error, items, now);
          if (limited) throw limited;
          // Only collisions with other supporters on the counter: try again; a failed condition is a refusal.
          if (cancellationCodes(error).includes('ConditionalCheckFailed')) return false;
          throw error;
        }
      },
      { budgetMs: SUPPORT_BUDGET_MS },
    );
    if (counted) return topicDetail(user, id, now);
    // Refused: the checks below say why (or answer a second support as the first); this write counts as any.
    await consumeWrite(user.id, now);
  }
  return supportChecked(user, id, body, now);
}

async function supportChecked(user: User, id: string, body: TopicSupportBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  const at = now.toISOString();
  const { resident, filedBy } = await speaker(user, topic, viewer, 'support', body, at);
  if (resident.id === topic.proposerId) throw new AppError('WRONG_STEP', 'this is your own proposal');
  const outcome = await optimistic('support a council topic', () => addSupport({ topicId: id, userId: resident.id, at, filedBy }), {
    budgetMs: SUPPORT_BUDGET_MS,
  });
  if (outcome === 'not_collecting') {
    const moved = await getTopic(id);
    assertMay(moved?.step ?? 'closed', 'support', roleFor(viewer, 'support'));
  }
  return topicDetail(user, id, now);
}

/** 反馈公示: an objection within the publicity window; the community's staff are told. */
export async function objectTo(user: User, id: string, body: ObjectionBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  const at = now.toISOString();
  const { resident, filedBy } = await speaker(user, topic, viewer, 'object', body, at);
  assertObjectionWindow(now.getTime(), topic.result?.publicUntil ?? null);
  const objection: Objection = {
    id: shortId(),
    topicId: id,
    userId: resident.id,
    name: resident.name,
    text: body.text,
    at,
    filedBy,
    answer: null,
  };
  const staff = (await getPlace(topic.communityId))?.managerIds ?? [];
  // Two objections at once both bump the staff's unread counters: a collision, not a refusal.
  await optimistic('add an objection', () =>
    addObjection(objection, notificationWrites(objectionNotices(topic, objection, staff, user.id), at)),
  );
  return topicDetail(user, id, now);
}

/** Staff answer an objection, once; the resident is told. */
export async function answerObjectionOf(user: User, id: string, objectionId: string, body: AnswerBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  assertMay(topic.step, 'answer', roleFor(viewer, 'answer'));
  const objection = await getObjection(id, objectionId);
  if (!objection) throw notFound('objection');
  if (objection.answer) throw new AppError('WRONG_STEP', 'this objection has been answered');
  const at = now.toISOString();
  const answered: Objection = { ...objection, answer: { text: body.text, at, byName: user.name } };
  if (!(await answerObjection(answered, notificationWrites(answerNotices(topic, answered, user.id), at)))) {
    throw new AppError('WRONG_STEP', 'this objection has been answered');
  }
  return topicDetail(user, id, now);
}
