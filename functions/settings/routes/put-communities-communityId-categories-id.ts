import { CommunityCategoryPath, SkillOverrideBody, type CategoryView } from '../../../shared/schemas/places';
import { route } from '../../http/handler';
import { setSkillOverride } from '../categories';

/** A community's staff choose the skill their community routes a category by; other communities keep theirs. */
export const handler = route(
  { roles: ['staff'], path: CommunityCategoryPath, body: SkillOverrideBody },
  ({ user, path, body, now }): Promise<CategoryView> => setSkillOverride(user, path.communityId, path.id, body, now),
);
