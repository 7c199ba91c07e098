import { PageQuery } from '../../../shared/schemas/common';
import type { TeamSummaryPage } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { teamDirectory } from '../teams';

export const handler = route({ roles: 'any', query: PageQuery }, ({ user, query }): Promise<TeamSummaryPage> => teamDirectory(user, query));
