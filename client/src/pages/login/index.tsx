import { Button, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { Session } from '@shared/schemas/auth';
import type { DevUser } from '@shared/schemas/users';
import { fetchDevUsers } from '../../api/dev-users';
import { MESSAGES } from '../../api/messages';
import { session } from '../../api/session';
import { ROLE_LABEL } from '../../components/labels';
import { PageShell } from '../../components/page-shell';
import { afterSignIn } from '../../components/onboarding';

type SignInCalls = typeof import('../../api/sign-in');

/**
 * WeChat sign-in in the mini-program. Locally (where the API offers demo accounts) also the demo
 * accounts, and 新用户注册: a new person signing in through the same WeChat path, via the local stand-in.
 */
export default function Login() {
  const [demo, setDemo] = useState<DevUser[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    fetchDevUsers().then(setDemo, () => setDemo([]));
  });

  // The request layer loads when the person taps, not with the first screen; the browser fetches it ahead
  // (a prefetch, not run) while they read the page.
  const signIn = async (login: (calls: SignInCalls) => Promise<Session>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    let calls: SignInCalls | undefined;
    try {
      calls = await import(/* webpackPrefetch: true */ '../../api/sign-in');
      const s = await login(calls);
      session.save(s);
      await afterSignIn(s.user);
    } catch (e) {
      setError(calls ? calls.errorText(e, '登录没有成功,请再试一次') : MESSAGES.NETWORK);
    } finally {
      setBusy(false);
    }
  };

  const wechat = () => signIn(async ({ api }) => api.wechatLogin((await Taro.login()).code));
  // The local stand-in signs in whoever a code names; a fresh code is a person it has never seen.
  const newResident = () =>
    signIn(({ api }) => api.wechatLogin(`h5-new-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`));

  return (
    <PageShell>
      <View className="title">欢迎使用邻里</View>
      <View className="muted">邻里互助,有事找网格</View>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className="btn primary block" disabled={busy || undefined} onClick={wechat}>
          微信一键登录
        </Button>
      )}
      {error && <View className="error">{error}</View>}
      {demo.length > 0 && (
        <View>
          <Button className="btn primary block sign-up" disabled={busy || undefined} onClick={newResident}>
            新用户注册
          </Button>
          <View className="section">演示账号(本地环境)</View>
          {demo.map((u) => (
            <View key={u.id} className="choice demo-user" data-user-id={u.id} onClick={() => signIn(({ api }) => api.devLogin(u.id))}>
              {u.name} · {u.roles.map((r) => ROLE_LABEL[r]).join('、')}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
