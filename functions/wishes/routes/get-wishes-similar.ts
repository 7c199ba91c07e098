import { SimilarQuery, type SimilarList } from '../../../shared/schemas/queue';
import { route } from '../../http/handler';
import { similar } from '../support';

/** Before posting: open wishes about the same shared place and category, to join instead ("me too"). */
export const handler = route(
  { roles: ['resident'], query: SimilarQuery },
  ({ user, query, now }): Promise<SimilarList> => similar(user, query.buildingId, query.category, now),
);
