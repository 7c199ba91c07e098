import { ApplicationPath, DecisionBody, type Application } from '../../../shared/schemas/teams';
import { route } from '../../http/handler';
import { decide } from '../team-join';

/** The lead or staff approve an application (the applicant joins the team) or decline it with a reason. */
export const handler = route(
  { roles: ['volunteer', 'staff'], path: ApplicationPath, body: DecisionBody },
  ({ user, path, body, now }): Promise<Application> => decide(user, path.id, path.userId, body, now),
);
