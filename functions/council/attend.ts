import { AppError, forbidden } from '../../shared/errors';
import { assertMay } from '../../shared/domain/council-machine';
import { isOfficial } from '../../shared/domain/council/access';
import type { AttendBody, ObserverList, Topic, TopicDetail } from '../../shared/schemas/council';
import type { User } from '../../shared/schemas/users';
import { observersOf, registerObserver, seatsOf, unregisterObserver } from '../data/council/observers';
import { getTopic } from '../data/council/topics';
import { readAll } from '../data/pagination';
import { optimistic } from '../data/retry';
import { countOf, topicDetail } from './detail';
import { readable, speaker } from './participate';

type Notice = NonNullable<Topic['notice']>;

/** Residents registering at once: many short waits on the one seat counter, well inside the function's 20 s. */
const ATTEND_BUDGET_MS = 12_000;

/** The meeting still ahead: nobody registers for (or withdraws from) one that has begun. */
function openNotice(topic: Topic, nowMs: number): Notice {
  const notice = topic.notice!;
  if (nowMs >= Date.parse(notice.meetingAt)) {
    throw new AppError('WRONG_STEP', 'the meeting has begun: registration to attend is closed');
  }
  return notice;
}

/** The notice changed or the topic moved on meanwhile: answered as the step it is at now. */
async function moved(id: string, notice: Notice): Promise<never> {
  const now = await getTopic(id);
  if (now && now.step !== 'noticed') assertMay(now.step, 'attend', 'resident');
  throw new AppError('WRONG_STEP', `the meeting of ${notice.meetingAt} was noticed again: register for the new notice`);
}

/**
 * 列席: a verified resident of the community (or their grid worker or staff for them, with consent) registers to
 * attend the noticed meeting, once. With a 议事厅 slot the observers take its seats: never more than there are
 * (409 OBSERVER_SEATS_FULL), however many register at once. A second registration answers as the first.
 */
export async function attend(user: User, id: string, body: AttendBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  const at = now.toISOString();
  const { resident, filedBy } = await speaker(user, topic, viewer, 'attend', body, at);
  const notice = openNotice(topic, now.getTime());
  const outcome = await optimistic(
    'register to attend a council meeting',
    () => registerObserver({ topicId: id, noticeAt: notice.at, userId: resident.id, name: resident.name, at, filedBy }, notice),
    { budgetMs: ATTEND_BUDGET_MS },
  );
  if (outcome === 'full') {
    const { seats } = await seatsOf(id, notice);
    throw new AppError('OBSERVER_SEATS_FULL', `all ${seats ?? 0} observers' seats of this meeting are taken`);
  }
  if (outcome === 'moved') await moved(id, notice);
  return topicDetail(user, id, now);
}

/** Withdraws a registration to attend, once; the seat is free again. Not registered: answered as done. */
export async function withdraw(user: User, id: string, body: AttendBody, now: Date): Promise<TopicDetail> {
  const { topic, viewer } = await readable(user, id);
  const { resident } = await speaker(user, topic, viewer, 'attend', body, now.toISOString());
  const notice = openNotice(topic, now.getTime());
  const outcome = await optimistic('withdraw from a council meeting', () => unregisterObserver(id, notice, resident.id), {
    budgetMs: ATTEND_BUDGET_MS,
  });
  if (outcome === 'moved') await moved(id, notice);
  return topicDetail(user, id, now);
}

/** Staff and grid workers of the community: who registered to attend the last noticed meeting, names whole. */
export async function observerList(user: User, id: string, now: Date): Promise<ObserverList> {
  const { topic, viewer } = await readable(user, id);
  if (!isOfficial(viewer)) throw forbidden('only staff and grid workers of the community read who registered to attend');
  const notice = topic.notice;
  if (!notice) throw new AppError('WRONG_STEP', 'this topic has no meeting noticed yet');
  const [seats, items] = await Promise.all([seatsOf(id, notice), readAll(observersOf(id, notice.at))]);
  return {
    topicId: id,
    meetingAt: notice.meetingAt,
    attendance: countOf(
      notice,
      seats,
      items.some((o) => o.userId === user.id),
      now.getTime(),
    ),
    items: items.sort((a, b) => a.at.localeCompare(b.at)).map(({ topicId: _t, noticeAt: _n, ...o }) => o),
  };
}
