import { VolunteerProfileBody } from '../../../shared/schemas/teams';
import type { Me } from '../../../shared/schemas/users';
import { route } from '../../http/handler';
import { updateVolunteer } from '../team-join';

/** A volunteer's skills, usual free hours, and pause (routing passes a paused volunteer over). */
export const handler = route(
  { roles: ['volunteer'], body: VolunteerProfileBody },
  ({ user, body }): Promise<Me> => updateVolunteer(user, body),
);
