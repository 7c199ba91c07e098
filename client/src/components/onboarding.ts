import Taro from '@tarojs/taro';
import type { Me } from '@shared/schemas/users';

/** A resident who has not yet said who and where they are. */
export const needsProfile = (user: Me | null): boolean => !!user && user.roles.includes('resident') && !user.onboarded;

/** Where a person goes after signing in: the profile form first if we do not know them yet. */
export function afterSignIn(user: Me): Promise<unknown> {
  return needsProfile(user) ? Taro.redirectTo({ url: '/pages/onboard/index' }) : Taro.switchTab({ url: '/pages/home/index' });
}
