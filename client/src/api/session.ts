import Taro from '@tarojs/taro';
import type { Session } from '@shared/schemas/auth';
import type { Me } from '@shared/schemas/users';

const TOKEN = 'linli.token';
const USER = 'linli.user';

/** The signed-in user, kept in storage so a restart of the mini-program keeps them signed in. */
// Set when a refused session has sent the user to sign-in, so several refusals at once do it only once.
let signingOut = false;

export const session = {
  token: (): string => Taro.getStorageSync(TOKEN) || '',
  user: (): Me | null => Taro.getStorageSync(USER) || null,
  save(s: Session): void {
    signingOut = false;
    Taro.setStorageSync(TOKEN, s.token);
    Taro.setStorageSync(USER, s.user);
  },
  /** The user as the API last described them (after a profile change). */
  updateUser(user: Me): void {
    Taro.setStorageSync(USER, user);
  },
  clear(): void {
    Taro.removeStorageSync(TOKEN);
    Taro.removeStorageSync(USER);
  },
  /** Signs out and opens sign-in, once until the next sign-in, however many requests were refused at once. */
  expire(): void {
    if (signingOut) return;
    signingOut = true;
    session.clear();
    void Taro.reLaunch({ url: '/pages/login/index' });
  },
};

export const hasRole = (user: Me | null, role: Me['roles'][number]) => !!user?.roles.includes(role);
