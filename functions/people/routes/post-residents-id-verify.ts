import { ResidentIdPath, VerifyBody, type Resident } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { verifyResident } from '../verify';

/** The grid worker of the resident's grid (or staff of their community) confirms who and where they are. */
export const handler = route(
  { roles: ['gridWorker', 'staff'], path: ResidentIdPath, body: VerifyBody },
  ({ user, path, now }): Promise<Resident> => verifyResident(user, path.id, now),
);
