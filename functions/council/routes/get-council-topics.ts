import { TopicListQuery, type TopicPage } from '../../../shared/schemas/council';
import { route } from '../../http/handler';
import { listTopics } from '../topics';

/** The community's topics, or those at one step, newest first. */
export const handler = route({ roles: 'any', query: TopicListQuery }, ({ user, query }): Promise<TopicPage> => listTopics(user, query));
