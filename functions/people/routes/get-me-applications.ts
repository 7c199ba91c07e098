import { PageQuery } from '../../../shared/schemas/common';
import type { ApplicationPage } from '../../../shared/schemas/teams';
import { applicationsOf } from '../../data/applications';
import { route } from '../../http/handler';

/** The teams a person asked to join, and what became of it. */
export const handler = route(
  { roles: 'any', query: PageQuery },
  ({ user, query }): Promise<ApplicationPage> => applicationsOf(user.id, query.cursor),
);
