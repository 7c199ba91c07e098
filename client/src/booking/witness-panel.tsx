import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { sha256Hex } from '@shared/domain/sha256';
import type { DrawView } from '@shared/schemas/draws';
import { api } from '../api/endpoints';
import { errorText } from '../api/request';
import { formatTime } from '../components/labels';

/** Crockford's base-32, as tickets use: no I, L, O, U, easy to copy onto paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const storageKey = (slotId: string) => `linli.draw-secret.${slotId}`;

/** Cryptographically random bytes: WebCrypto in the browser, the user crypto manager in WeChat. */
function randomBytes(length: number): Promise<Uint8Array> {
  const web = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (web?.getRandomValues) return Promise.resolve(web.getRandomValues(new Uint8Array(length)));
  return new Promise((resolve, reject) =>
    Taro.getUserCryptoManager().getRandomValues({
      length,
      success: (res) => resolve(new Uint8Array(res.randomValues)),
      fail: reject,
    }),
  );
}

/** A secret of 24 base-32 characters (120 bits) in groups of four: ABCD-EFGH-… */
async function newSecret(): Promise<string> {
  const bytes = await randomBytes(24);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return Array.from({ length: 6 }, (_, i) => chars.slice(i * 4, i * 4 + 4).join('')).join('-');
}

/**
 * What a witness named in the rules does on the draw page: before the close the app makes a secret, shows it to
 * be copied onto paper (and keeps it on this phone), and sends only its SHA-256; once the list is published, the
 * witness reveals it (typed or as kept), checked here against the commitment before it is sent.
 */
export function WitnessPanel({ draw, userId, onDone }: { draw: DrawView; userId: string; onDone: () => void }) {
  const me = draw.witnesses.find((w) => w.userId === userId);
  const kept: string = Taro.getStorageSync(storageKey(draw.slotId)) || '';
  const [secret, setSecret] = useState(kept);
  const [fresh, setFresh] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!me) return null;

  const run = (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    work().then(
      () => {
        setBusy(false);
        setMessage({ ok: true, text: done });
        onDone();
      },
      (e) => {
        setBusy(false);
        setMessage({ ok: false, text: errorText(e, '没有成功,请重试') });
      },
    );
  };
  const generate = () => newSecret().then(setFresh, () => setMessage({ ok: false, text: '无法生成密码,请重试' }));
  const commit = () =>
    run(async () => {
      Taro.setStorageSync(storageKey(draw.slotId), fresh);
      await api.commitDraw(draw.slotId, sha256Hex(fresh));
      setSecret(fresh);
      setFresh('');
    }, '已提交承诺。截止后请回来揭示密码。');
  const reveal = () => {
    const typed = secret.trim();
    if (me.commitment && sha256Hex(typed) !== me.commitment) {
      setMessage({ ok: false, text: '这个密码和您截止前的承诺对不上,请核对抄写的密码' });
      return;
    }
    run(() => api.revealDraw(draw.slotId, typed), '已揭示,谢谢您。所有输入齐全后即抽签。');
  };
  const revealOpen = draw.status === 'committed' && !!draw.revealBy && Date.now() < Date.parse(draw.revealBy);

  return (
    <View className="card witness-panel">
      <View className="card-title">您是这次抽签的监督人</View>
      {draw.status === 'open' && !me.committedAt && !fresh && (
        <View>
          <View className="text">
            报名截止({formatTime(draw.closedAt)})前,请生成一个密码并提交它的“承诺值”(SHA-256)。密码只有您知道,截止后再揭示。
          </View>
          <Button className="btn primary block make-secret" onClick={generate}>
            生成我的密码
          </Button>
        </View>
      )}
      {draw.status === 'open' && !me.committedAt && fresh && (
        <View>
          <View className="text">请把这个密码抄在纸上保管好(本机也会保存一份):</View>
          <View className="notice break-all witness-secret">{fresh}</View>
          <View className="muted break-all">承诺值(SHA-256):{sha256Hex(fresh)}</View>
          <Button className="btn primary block commit-secret" disabled={busy || undefined} onClick={commit}>
            {busy ? '正在提交…' : '我已抄下,提交承诺'}
          </Button>
        </View>
      )}
      {draw.status === 'open' && me.committedAt && (
        <View className="text witness-committed">
          已于{formatTime(me.committedAt)}提交承诺。{kept ? `您的密码:${kept}` : ''}报名截止、名单公布后请回来揭示。
        </View>
      )}
      {draw.status === 'committed' && me.committedAt && !me.revealedAt && revealOpen && (
        <View>
          <View className="text">名单已公布。请在{formatTime(draw.revealBy!)}前揭示您的密码:</View>
          <Input className="input reveal-input" value={secret} onInput={(e) => setSecret(e.detail.value)} placeholder="输入您抄下的密码" />
          <Button className="btn primary block reveal-secret" disabled={busy || !secret.trim() || undefined} onClick={reveal}>
            {busy ? '正在提交…' : '揭示密码'}
          </Button>
        </View>
      )}
      {draw.status !== 'open' && !me.committedAt && <View className="text">您在报名截止前没有提交承诺,这次抽签的种子不含您的密码。</View>}
      {me.revealedAt && <View className="text witness-revealed">已于{formatTime(me.revealedAt)}揭示密码。</View>}
      {me.committedAt && !me.revealedAt && (me.silent || (draw.status === 'committed' && !revealOpen)) && (
        <View className="text">揭示期限已过,{draw.redrawAt ? `按规则在${formatTime(draw.redrawAt)}重抽` : '按规则只用公开号码抽签'}。</View>
      )}
      {message && <View className={message.ok ? 'success witness-result' : 'error witness-result'}>{message.text}</View>}
    </View>
  );
}
