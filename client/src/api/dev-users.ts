import Taro from '@tarojs/taro';
import type { DevUser } from '@shared/schemas/users';

/**
 * The demo accounts the sign-in page lists (the API offers them only locally). In the browser they are asked
 * for with a bare fetch: the first screen then carries neither the request layer nor zod nor Taro's request
 * polyfills (about 190 KB of script); they load when the person taps. What comes back is checked for the
 * shape the page shows (anything else lists no account); an account's session is then asked for, and parsed,
 * through the typed request layer. The mini-program asks through that layer.
 */
export async function fetchDevUsers(): Promise<DevUser[]> {
  if (process.env.TARO_ENV !== 'h5') {
    const { api } = await import('./endpoints');
    return (await api.devUsers()).items;
  }
  // index.html asked already when a signed-out visitor opened the app; that answer is used once.
  const started = (window as { __linliEarly?: Record<string, Promise<Response> | undefined> }).__linliEarly;
  const asked = started?.['/auth/dev-users'];
  if (started) delete started['/auth/dev-users'];
  const base: string = Taro.getStorageSync('linli.apiBase') || LINLI_API_BASE;
  const res = await (asked ?? fetch(`${base}/auth/dev-users`)).catch(() => fetch(`${base}/auth/dev-users`));
  if (!res.ok) return [];
  const body = (await res.json()) as { items?: unknown };
  return Array.isArray(body.items) ? body.items.filter(isDevUser) : [];
}

const isDevUser = (u: unknown): u is DevUser => {
  const user = u as Partial<DevUser> | null;
  return (
    typeof user?.id === 'string' &&
    typeof user.name === 'string' &&
    Array.isArray(user.roles) &&
    user.roles.every((r) => typeof r === 'string')
  );
};
