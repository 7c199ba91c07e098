import { CommunityCategoryPath, type CategoryView } from '../../../shared/schemas/places';
import { route } from '../../http/handler';
import { setSkillOverride } from '../categories';

/** A community's staff go back to the operator's default skill for a category. */
export const handler = route(
  { roles: ['staff'], path: CommunityCategoryPath },
  ({ user, path, now }): Promise<CategoryView> => setSkillOverride(user, path.communityId, path.id, null, now),
);
