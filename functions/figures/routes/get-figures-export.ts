import { ExportQuery } from '../../../shared/schemas/figures';
import { type FileReply, route } from '../../http/handler';
import { exportStreet } from '../export';

export const handler = route(
  { roles: ['streetStaff', 'admin'], query: ExportQuery },
  ({ user, query, now }): Promise<FileReply> => exportStreet(user, query, now),
);
