import type { Role } from '../../shared/schemas/users';
import { ActionBodies, WishIdPath, type UserAction, type WishDetail } from '../../shared/schemas/wishes';
import { route } from '../http/handler';
import { actOnWish } from './act';
import { claimWish } from './claim';

const MANAGERS: readonly Role[] = ['gridWorker', 'staff', 'streetStaff'];

/** Roles that may ask at all; the shared domain then checks the wish itself (its place, level, claimant, status). */
const ROLES: Record<UserAction, readonly Role[]> = {
  route: MANAGERS,
  claim: ['volunteer'],
  release: ['volunteer'],
  start: ['volunteer'],
  complete: ['volunteer'],
  confirm: ['resident', ...MANAGERS],
  dispute: ['resident', ...MANAGERS],
  reject: [...MANAGERS, 'admin'],
  close: [...MANAGERS, 'admin'],
  send_back: ['volunteer'],
  resolve: MANAGERS,
  escalate: MANAGERS,
  send_down: MANAGERS,
  extend_lease: ['volunteer'],
  extend_deadline: MANAGERS,
  merge: MANAGERS,
};

/** The handler of POST /wishes/{id}/{action}: every action route is this, with its own body schema. */
export const actionRoute = (action: UserAction) =>
  route(
    { roles: ROLES[action], path: WishIdPath, body: ActionBodies[action] },
    ({ user, path, body, now }): Promise<WishDetail> => actOnWish(user, path.id, action, body, now),
  );

/** POST /wishes/{id}/claim: one transaction with the write limit in it, after a read unless `seen` spares it (claim.ts). */
export const claimRoute = () =>
  route(
    { roles: ROLES.claim, path: WishIdPath, body: ActionBodies.claim, limit: 'in-transaction' },
    ({ user, path, body, now, writeLimit }): Promise<WishDetail> => claimWish(user, path.id, now, writeLimit, body.seen),
  );
