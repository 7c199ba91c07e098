import type { Me, User } from '../../shared/schemas/users';
import { gridCommunities } from '../auth/scope';

/** The signed-in user as the client sees them, with the communities their grids lie in. */
export async function toMe(user: User): Promise<Me> {
  const { demo: _demo, createdAt: _createdAt, version: _version, wechatOpenId: _openid, tokensValidAfter: _after, ...rest } = user;
  return { ...rest, gridCommunityIds: await gridCommunities(user) };
}
