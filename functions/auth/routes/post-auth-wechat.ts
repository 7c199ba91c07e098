import { WechatLoginBody, type Session } from '../../../shared/schemas/auth';
import { publicRoute } from '../../http/handler';
import { signInWithWechat } from '../sign-in';

export const handler = publicRoute(
  { body: WechatLoginBody },
  ({ body, sourceIp, now }): Promise<Session> => signInWithWechat(body.code, sourceIp, now),
);
