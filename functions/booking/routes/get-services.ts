import { forbidden } from '../../../shared/errors';
import { runsCommunity } from '../../../shared/domain/booking/access';
import { ServiceListQuery, type ServicePage } from '../../../shared/schemas/services';
import { memberCommunities } from '../../auth/scope';
import { servicePage } from '../../data/booking/services';
import { route } from '../../http/handler';

/** The bookable services of the user's community (or of one of their communities), in display order; staff also see inactive ones. */
export const handler = route({ roles: 'any', query: ServiceListQuery }, async ({ user, query }): Promise<ServicePage> => {
  const mine = await memberCommunities(user);
  if (query.communityId && !mine.includes(query.communityId)) throw forbidden("a community's services are shown to its own people");
  const page = await servicePage(query.communityId ? [query.communityId] : mine, query.cursor, query.limit);
  return { ...page, items: page.items.filter((s) => s.active || runsCommunity(user, s.communityId)) };
});
