import { CommitmentBody, type DrawStep } from '../../../shared/schemas/draws';
import { SlotIdPath } from '../../../shared/schemas/slots';
import { route } from '../../http/handler';
import { commitSecret } from '../witness';

export const handler = route(
  { roles: 'any', path: SlotIdPath, body: CommitmentBody, status: 201 },
  ({ user, path, body, now }): Promise<DrawStep> => commitSecret(user, path.id, body, now),
);
