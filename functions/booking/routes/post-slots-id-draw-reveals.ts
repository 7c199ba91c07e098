import { RevealBody, type DrawStep } from '../../../shared/schemas/draws';
import { SlotIdPath } from '../../../shared/schemas/slots';
import { route } from '../../http/handler';
import { revealSecret } from '../witness';

export const handler = route(
  { roles: 'any', path: SlotIdPath, body: RevealBody, status: 201 },
  ({ user, path, body, now }): Promise<DrawStep> => revealSecret(user, path.id, body, now),
);
