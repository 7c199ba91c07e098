import { PublicNumberBody, type DrawStep } from '../../../shared/schemas/draws';
import { SlotIdPath } from '../../../shared/schemas/slots';
import { route } from '../../http/handler';
import { enterPublicNumber } from '../witness';

export const handler = route(
  { roles: ['staff'], path: SlotIdPath, body: PublicNumberBody, status: 201 },
  ({ user, path, body, now }): Promise<DrawStep> => enterPublicNumber(user, path.id, body, now),
);
