import {
  ObserverList,
  TopicDetail,
  type AnswerBody,
  type AttendBody,
  type ObjectionBody,
  type TopicSupportBody,
} from '@shared/schemas/council';
import { request } from './request';

const topicPath = (id: string) => `/council/topics/${encodeURIComponent(id)}`;

/**
 * A resident's part in a council topic beyond opinions (api.opine): support, attending the meeting as an observer
 * (列席), objecting to the result; each for oneself, or by a grid worker or staff for a resident with consent. And
 * what staff do with them: read who registered, answer an objection.
 */
export const councilApi = {
  support: (id: string, body: TopicSupportBody = {}) => request('POST', `${topicPath(id)}/support`, TopicDetail, { body }),
  attend: (id: string, body: AttendBody = {}) => request('POST', `${topicPath(id)}/observers`, TopicDetail, { body }),
  withdraw: (id: string, body: AttendBody = {}) => request('POST', `${topicPath(id)}/observers/cancel`, TopicDetail, { body }),
  observers: (id: string) => request('GET', `${topicPath(id)}/observers`, ObserverList),
  object: (id: string, body: ObjectionBody) => request('POST', `${topicPath(id)}/objections`, TopicDetail, { body }),
  answer: (id: string, objectionId: string, body: AnswerBody) =>
    request('POST', `${topicPath(id)}/objections/${encodeURIComponent(objectionId)}/answer`, TopicDetail, { body }),
};
