import { MeetingBody, TopicIdPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { recordMeeting } from '../steps';

/** 组织协商: staff record the meeting; the quorum is counted against the roster (流会 without it). */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: TopicIdPath, body: MeetingBody },
  ({ user, path, body, now }): Promise<TopicDetail> => recordMeeting(user, path.id, body, now),
);
