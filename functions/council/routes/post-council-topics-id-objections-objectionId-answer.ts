import { AnswerBody, ObjectionPath, type TopicDetail } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { answerObjectionOf } from '../participate';

/** Staff answer an objection, once; the resident is told. */
export const handler = route(
  { roles: ['staff', 'gridWorker', 'resident'], path: ObjectionPath, body: AnswerBody },
  ({ user, path, body, now }): Promise<TopicDetail> => answerObjectionOf(user, path.id, path.objectionId, body, now),
);
