import type { MyCredits } from '../../../shared/schemas/credits';
import { PageQuery } from '../../../shared/schemas/common';
import { route } from '../../http/handler';
import { myCredits } from '../ledger';

export const handler = route({ roles: 'any', query: PageQuery }, ({ user, query }): Promise<MyCredits> => myCredits(user, query));
