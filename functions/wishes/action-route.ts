import type { Role } from '../../shared/schemas/users';
import { ActionBodies, WishIdPath, type WishAction, type WishDetail } from '../../shared/schemas/wishes';
import { route } from '../http/handler';
import { actOnWish } from './act';

/** Roles that may ask at all; the shared domain then checks the wish itself (its scope, claimant, status). */
const ROLES: Record<WishAction, readonly Role[]> = {
  route: ['gridWorker', 'staff'],
  claim: ['volunteer'],
  release: ['volunteer'],
  start: ['volunteer'],
  complete: ['volunteer'],
  confirm: ['resident', 'gridWorker', 'staff'],
  dispute: ['resident', 'gridWorker', 'staff'],
  reject: ['gridWorker', 'staff', 'admin'],
  close: ['gridWorker', 'staff', 'admin'],
};

/** The handler of POST /wishes/{id}/{action}: every action route is this, with its own body schema. */
export const actionRoute = (action: WishAction) =>
  route({ roles: ROLES[action], path: WishIdPath, body: ActionBodies[action] }, ({ user, path, body }): Promise<WishDetail> =>
    actOnWish(user, path.id, action, body),
  );
