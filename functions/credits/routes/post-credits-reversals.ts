import { CreditReversalBody, type CreditEntry } from '../../../shared/schemas/credits';
import { route } from '../../http/handler';
import { reverseCredit } from '../ledger';

export const handler = route(
  { roles: ['admin'], body: CreditReversalBody, status: 201 },
  ({ user, body, now }): Promise<CreditEntry> => reverseCredit(user, body, now),
);
