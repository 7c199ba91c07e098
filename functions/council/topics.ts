import { randomUUID } from 'node:crypto';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors';
import { collectUntilOf } from '../../shared/domain/council-machine';
import { topicDueAt } from '../../shared/domain/council/clock';
import { followerNotices } from '../../shared/domain/council/notify';
import { viewTopic } from '../../shared/domain/council/view';
import { raiseWish } from '../../shared/domain/council/wishes';
import { assertVerifiedMemberOf } from '../../shared/domain/membership';
import { relationTo } from '../../shared/domain/wish-access';
import type {
  CouncilRole,
  Topic,
  TopicCreateBody,
  TopicDetail,
  TopicEvent,
  TopicListQuery,
  TopicPage,
  TopicOrigin,
} from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import type { Wish } from '../../shared/schemas/wishes';
import { councilOf } from '../data/council/roster';
import { createTopic as writeTopic, StaleTopicError, topicsInStep, topicsOf } from '../data/council/topics';
import { findIdempotent, hashRequest, idempotencyPut } from '../data/idempotency';
import { deliver, notificationWrites } from '../data/notifications';
import { readPage } from '../data/pagination';
import { getPlace } from '../data/places';
import { optimistic } from '../data/retry';
import { getWish } from '../data/wishes';
import { councilWishItems, MAX_TRANSACTION } from '../data/council/wish-moves';
import { actorOf, communityFor, councilClock, councilCommunities, reachOf, topicViewerOf, viewerIn } from './access';
import { topicDetail } from './detail';

const ORIGIN_NOTE: Record<TopicOrigin, string> = {
  wishes: '由心愿转入居民议事会',
  resident: '居民提议,征集支持中',
  staff: '社区提出议题',
};

interface Birth {
  communityId: string;
  origin: TopicOrigin;
  role: CouncilRole;
  wishes: Wish[];
}

/**
 * How the topic is born: open wishes of one community raised by a grid worker of their grid or its staff; else a
 * proposal by staff of the community, or by a resident whose home there is verified. A wish the caller does not
 * manage is 404, as if missing.
 */
async function birthOf(user: User, body: TopicCreateBody): Promise<Birth> {
  if (body.wishIds) {
    if (!user.roles.some((r) => r === 'gridWorker' || r === 'staff'))
      throw forbidden('only grid workers and staff raise wishes to the council');
    const wishes = await Promise.all(body.wishIds.map(getWish));
    const missing = body.wishIds.find((_id, i) => {
      const w = wishes[i];
      return !w || relationTo(user, w).rank < 0;
    });
    if (missing) throw notFound(`wish ${missing}`);
    const found = wishes as Wish[];
    const communities = [...new Set(found.map((w) => w.communityId))];
    if (communities.length > 1 || (body.communityId && body.communityId !== communities[0])) {
      throw invalid('body.wishIds', 'raise wishes of one community, the one the topic is for');
    }
    const viewer = await viewerIn(user, communities[0]);
    const role = viewer.roles.includes('staff') ? 'staff' : 'gridWorker';
    return { communityId: communities[0], origin: 'wishes', role, wishes: found };
  }
  const { communityId, viewer } = await communityFor(user, body.communityId ?? (user.staffCommunityIds[0] || undefined));
  if (viewer.roles.includes('staff')) return { communityId, origin: 'staff', role: 'staff', wishes: [] };
  if (viewer.roles.includes('resident')) {
    assertVerifiedMemberOf(user, communityId);
    return { communityId, origin: 'resident', role: 'resident', wishes: [] };
  }
  if (viewer.roles.includes('gridWorker')) throw forbidden('a grid worker raises open wishes (wishIds) to the council');
  throw forbidden('only the people of this community propose topics to its council');
}

/**
 * POST /council/topics: one transaction writes the topic and its first step, each raised wish (on the version
 * read, back to `submitted` with its clocks stopped) with 转入居民议事会 in its timeline, the notices to their
 * owners, and the Idempotency-Key's record. A wish changed meanwhile is read again.
 */
export async function createTopic(
  user: User,
  body: TopicCreateBody,
  key: string | undefined,
  now: Date,
): Promise<{ detail: TopicDetail; replayed: boolean }> {
  const requestHash = hashRequest(body);
  const replay = async (): Promise<{ detail: TopicDetail; replayed: true } | null> => {
    const record = key ? await findIdempotent(user.id, key) : null;
    if (!record) return null;
    if (record.requestHash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another topic; use a new key');
    }
    return { detail: await topicDetail(user, record.resultId, now), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const id = randomUUID();
  const at = now.toISOString();
  const replayedMeanwhile = await optimistic('raise a council topic', async (): Promise<{ detail: TopicDetail; replayed: true } | null> => {
    const birth = await birthOf(user, body);
    const [community, council] = await Promise.all([getPlace(birth.communityId), councilOf(birth.communityId)]);
    if (!community) throw notFound('community');
    const clock = await councilClock(now, community.streetId);
    const resident = birth.origin === 'resident';
    const draft: Topic = {
      id,
      communityId: birth.communityId,
      streetId: community.streetId,
      title: body.title,
      body: body.body,
      origin: birth.origin,
      proposerId: user.id,
      proposerName: user.name,
      step: 'collecting',
      supporters: 0,
      supportThreshold: resident ? council.settings.settings.supportThreshold : null,
      collectUntil: resident ? collectUntilOf(now.getTime(), council.settings.settings.collectDays) : null,
      wishIds: birth.wishes.map((w) => w.id),
      followers: [...new Set([user.id, ...birth.wishes.map((w) => w.ownerId)])],
      summary: null,
      declineReason: null,
      plans: [],
      notice: null,
      meetings: [],
      adoptedPlanId: null,
      taskCount: 0,
      result: null,
      closedAt: null,
      dueAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const topic: Topic = { ...draft, dueAt: topicDueAt(draft) };
    const first: TopicEvent = {
      seq: 1,
      at,
      action: 'propose',
      from: null,
      to: 'collecting',
      actorId: user.id,
      actorName: user.name,
      actorRole: birth.role,
      note: ORIGIN_NOTE[birth.origin],
    };
    const actor = actorOf(user, birth.role);
    const raised = birth.wishes.map((w) => ({ before: w, ...raiseWish(w, topic, actor, at, clock) }));
    const told = followerNotices(
      topic,
      { kind: 'raised' },
      raised.map((r) => r.wish.ownerId),
      user.id,
    );
    const keyItems = key ? [idempotencyPut(user.id, key, requestHash, id, now)] : [];
    const core = [...keyItems, ...(await councilWishItems(raised))];
    const notes = notificationWrites(told, at);
    // Twenty wishes of twenty owners are more than one transaction holds: then the owners are told right after.
    const together = 2 + core.length + notes.length <= MAX_TRANSACTION;
    try {
      await writeTopic(topic, first, together ? [...core, ...notes] : core);
      if (!together) await deliver(told, at);
    } catch (error) {
      // The key's record is the first extra item: used meanwhile by a retry of this request, answer with its topic.
      if (key && error instanceof StaleTopicError && error.codes[2] === 'ConditionalCheckFailed') {
        const replayed = await replay();
        if (replayed) return replayed;
      }
      throw error;
    }
    return null;
  });
  return replayedMeanwhile ?? { detail: await topicDetail(user, id, now), replayed: false };
}

/** GET /council/topics: the community's topics (or those at one step), newest first, paged. */
export async function listTopics(user: User, query: TopicListQuery): Promise<TopicPage> {
  const communities = query.communityId ? [(await communityFor(user, query.communityId)).communityId] : await councilCommunities(user);
  const source = query.step ? topicsInStep(communities, query.step) : topicsOf(communities);
  const page = await readPage([source], query.cursor, query.limit);
  const reach = await reachOf(user);
  const viewers = new Map(await Promise.all(communities.map(async (c) => [c, await viewerIn(user, c, reach)] as const)));
  return { items: page.items.map((t) => viewTopic(t, topicViewerOf(user, viewers.get(t.communityId)!))), cursor: page.cursor };
}
