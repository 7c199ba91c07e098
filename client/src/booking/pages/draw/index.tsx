import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { checkSteps, type CheckStep } from '@shared/domain/booking/ballot';
import type { DrawView } from '@shared/schemas/draws';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { slotWhen } from '../../booking-words';
import { drawPlan, numberToEnter, silentText, ticketStrings, witnessLabel } from '../../draw-words';
import { WitnessPanel } from '../../witness-panel';
import '../../draw.css';

/**
 * A ballot's draw, every input of it: before the close what will happen and who the witnesses are; from the close
 * the frozen list and its hash, each commitment and reveal with who made it and when, the public number with its
 * source, then the seed, the order and the outcome; the weight classes and why; the exact strings to hash with any
 * SHA-256 tool, and 在手机上核对, which re-runs every step here. A witness commits and reveals from this page.
 */
export default function Draw() {
  const { params } = useRouter();
  const [draw, setDraw] = useState<DrawView | null>(null);
  const [error, setError] = useState('');
  const [checked, setChecked] = useState<CheckStep[] | null>(null);
  const load = () => {
    setError('');
    api.draw(params.service ?? '', params.slot ?? '').then(setDraw, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    if (!draw) return;
    const text = [
      draw.list,
      '',
      `SHA-256: ${draw.listHash}`,
      ...(draw.seedInput ? ['', draw.seedInput, '', `seed: ${draw.seed}`] : []),
    ].join('\n');
    Taro.setClipboardData({ data: text }).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  if (error)
    return (
      <PageShell>
        <LoadError message={error} onRetry={load} />
      </PageShell>
    );
  if (!draw)
    return (
      <PageShell>
        <View className="empty">正在加载…</View>
      </PageShell>
    );
  const user = session.user();
  const mine = new Set(draw.myTickets);
  const won = draw.entries.some((e) => mine.has(e.ticket) && e.outcome === 'won');
  const v2 = draw.seedRule === 'v2';
  const printUrl = `/booking/pages/print/index?service=${encodeURIComponent(draw.serviceId)}&slot=${encodeURIComponent(draw.slotId)}`;
  return (
    <PageShell>
      <View className="title">{draw.serviceName}</View>
      <View className="text">
        {slotWhen(draw.start)} · {draw.seats}个名额{draw.status === 'open' ? '' : ` · ${draw.applicants.length}人报名`}
      </View>
      <View className="muted draw-state">
        {draw.status === 'open'
          ? `正在报名,${formatTime(draw.closedAt)}截止后公布名单`
          : draw.drawnAt
            ? `${formatTime(draw.closedAt)}截止报名,${formatTime(draw.drawnAt)}抽签`
            : `${formatTime(draw.closedAt)}截止报名,名单已公布,等待监督人揭示密码和公开号码后抽签`}
      </View>
      {mine.size > 0 && draw.status === 'drawn' && (
        <View className={won ? 'success my-draw' : 'notice my-draw'}>
          {won ? '恭喜,您中签了,名额已为您预约好。' : '这次没有抽中,已为您排在候补名单里,有人取消会按顺序通知。'}
        </View>
      )}
      {mine.size > 0 && draw.status !== 'drawn' && <View className="notice my-draw">您的签号:{[...mine].join('、')}</View>}

      {user && <WitnessPanel draw={draw} userId={user.id} onDone={load} />}
      {user && hasRole(user, 'staff') && numberToEnter(draw, Date.now()) && (
        <PublicNumberForm draw={draw} round={numberToEnter(draw, Date.now())!} onDone={load} />
      )}

      {v2 && (
        <View>
          <View className="section">抽签怎么进行</View>
          <View className="card draw-plan">
            {drawPlan(draw).map((line) => (
              <View key={line} className="text">
                {line}
              </View>
            ))}
          </View>
        </View>
      )}

      {draw.status !== 'open' && (
        <View>
          <View className="section">冻结的名单({formatTime(draw.closedAt)}公布)</View>
          <View className="card">
            {draw.applicants.map((a) => (
              <View key={a.ticket} className={`row draw-applicant${mine.has(a.ticket) ? ' mine' : ''}`} data-ticket={a.ticket}>
                <Text className="text">
                  {a.ticket} {a.name}
                  {mine.has(a.ticket) ? '(我)' : ''}
                </Text>
                <Text className="text">权重{a.weight}</Text>
              </View>
            ))}
            <View className="muted break-all list-hash">名单哈希(SHA-256):{draw.listHash}</View>
          </View>
        </View>
      )}

      <View className="section">权重</View>
      <View className="card">
        {draw.weightClasses.map((c) => (
          <View key={c.reason} className="text weight-class">
            权重{c.weight}:{c.reason}
          </View>
        ))}
      </View>

      {draw.witnesses.length > 0 && (
        <View>
          <View className="section">监督人</View>
          {draw.witnesses.map((w) => (
            <View key={w.userId} className="card draw-witness" data-user-id={w.userId}>
              <View className="card-title">{witnessLabel(w)}</View>
              <View className="text">{w.committedAt ? `${formatTime(w.committedAt)}提交承诺` : '尚未提交承诺'}</View>
              {w.commitment && <View className="muted break-all witness-commitment">承诺值:{w.commitment}</View>}
              {w.revealedAt && <View className="text">{formatTime(w.revealedAt)}揭示密码</View>}
              {w.secret && <View className="muted break-all witness-secret-shown">密码:{w.secret}</View>}
              {w.silent && <View className="notice witness-silent">{silentText(draw)}</View>}
            </View>
          ))}
        </View>
      )}

      {draw.publicSource && (
        <View>
          <View className="section">公开号码</View>
          <View className="card public-number">
            <View className="text">
              来源:{draw.publicSource.name},{draw.publicSource.which}
            </View>
            {draw.publicNumber ? (
              <View>
                <View className="text public-value">号码:{draw.publicNumber.value}</View>
                <View className="muted">
                  {draw.publicNumber.source},{formatTime(draw.publicNumber.publishedAt)}公布;{formatTime(draw.publicNumber.enteredAt)}录入
                </View>
              </View>
            ) : (
              <View className="muted">
                {draw.revealBy ? `监督人揭示截止(${formatTime(draw.revealBy)})之后公布,尚未录入` : '报名截止后公布,尚未录入'}
              </View>
            )}
            {draw.redrawSource && draw.redrawAt && (
              <View className="redraw-number">
                <View className="text">
                  重抽号码(仅在有监督人未揭示时使用,{formatTime(draw.redrawAt)}重抽):{draw.redrawSource.name},{draw.redrawSource.which}
                </View>
                {draw.redrawNumber && (
                  <View className="text public-value">
                    号码:{draw.redrawNumber.value}({draw.redrawNumber.source},{formatTime(draw.redrawNumber.publishedAt)}公布)
                  </View>
                )}
              </View>
            )}
          </View>
        </View>
      )}

      {draw.seed && (
        <View>
          <View className="section">随机种子</View>
          <View className="card">
            {draw.path === 'public_only' && <View className="notice">有监督人未揭示,按规则种子只含名单哈希和公开号码。</View>}
            {draw.path === 'redraw' && (
              <View className="notice">有监督人未揭示,按规则重抽:种子含名单哈希、已揭示的密码、公开号码和重抽号码。</View>
            )}
            {draw.seedInput && <View className="muted break-all pre seed-input">{draw.seedInput}</View>}
            <View className="muted break-all seed">种子(上面文字的SHA-256):{draw.seed}</View>
          </View>
          <View className="section">抽签名次</View>
          {draw.entries.map((e) => (
            <View key={e.ticket} className={`card row draw-entry${mine.has(e.ticket) ? ' mine' : ''}`}>
              <Text className="text">
                第{e.rank}名 {e.ticket} {e.name}
                {mine.has(e.ticket) ? '(我)' : ''}
              </Text>
              <Text className={`tag ${e.outcome === 'won' ? 'status-confirmed' : ''}`}>{e.outcome === 'won' ? '中签' : '候补'}</Text>
            </View>
          ))}
        </View>
      )}

      {draw.status !== 'open' && (
        <View>
          <View className="section">怎样核对</View>
          <View className="card how-to-check">
            {draw.howToCheck.map((line) => (
              <View key={line} className="text">
                {line}
              </View>
            ))}
            <View className="text">要计算SHA-256的原文(每段原样复制,不加空格和换行):</View>
            <View className="muted">名单原文:</View>
            <View className="muted break-all pre list-text">{draw.list}</View>
            {draw.seedInput && <View className="muted">种子原文:</View>}
            {draw.seedInput && <View className="muted break-all pre">{draw.seedInput}</View>}
            {ticketStrings(draw).length > 0 && <View className="muted">每张签的原文:</View>}
            {ticketStrings(draw).map((s) => (
              <View key={s} className="muted break-all ticket-string">
                {s}
              </View>
            ))}
            <Button className="btn block copy-list" onClick={copy}>
              复制名单和种子,自己核对
            </Button>
            {copied && <View className="success">已复制,可以粘贴到电脑上按上面的步骤核对</View>}
            <Button className="btn primary block check-draw" onClick={() => setChecked(checkSteps(draw))}>
              在手机上核对
            </Button>
            {checked && (
              <View className="check-result">
                {checked.map((s) => (
                  <View key={s.step} className={`row check-step ${s.ok ? 'success' : 'error'}`} data-ok={s.ok ? 'yes' : 'no'}>
                    <Text className="text">
                      {s.ok ? '✓ 通过' : '✗ 不符'} {s.step}
                    </Text>
                    <Text className="muted break-all">{s.detail}</Text>
                  </View>
                ))}
                <View className={checked.every((s) => s.ok) ? 'success check-summary' : 'error check-summary'}>
                  {checked.every((s) => s.ok)
                    ? draw.seed
                      ? '全部核对通过:名次完全由公布的输入算出。'
                      : '已公布的部分核对通过,抽签后可再核对种子和名次。'
                    : '有一步不符,请向社区反映。'}
                </View>
              </View>
            )}
          </View>
        </View>
      )}

      {v2 && (
        <Button className="btn block open-print" onClick={() => Taro.navigateTo({ url: printUrl })}>
          打印公示(A4)
        </Button>
      )}
    </PageShell>
  );
}

/** Staff enter the public number the rules name, with where and when it was published (after the close). */
function PublicNumberForm({ draw, round, onDone }: { draw: DrawView; round: 'first' | 'redraw'; onDone: () => void }) {
  const named = round === 'redraw' ? draw.redrawSource : draw.publicSource;
  const [value, setValue] = useState('');
  const [source, setSource] = useState(named?.name ?? '');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const send = () => {
    const publishedAt = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(date.trim()) ? `${date.trim().replace(' ', 'T')}:00+08:00` : '';
    if (!value.trim() || !source.trim() || !publishedAt) {
      setMessage('请填写号码、来源和公布时间(如 2026-12-01 21:15)');
      return;
    }
    setBusy(true);
    api.enterPublicNumber(draw.slotId, { value: value.trim(), source: source.trim(), publishedAt }).then(
      () => {
        setBusy(false);
        onDone();
      },
      (e) => {
        setBusy(false);
        setMessage(errorText(e, '没有成功,请重试'));
      },
    );
  };
  return (
    <View className="card public-number-form">
      <View className="card-title">{round === 'redraw' ? '录入重抽号码' : '录入公开号码'}</View>
      <View className="muted">
        {named?.name},{named?.which}
      </View>
      <Input className="input public-value-input" value={value} onInput={(e) => setValue(e.detail.value)} placeholder="号码" />
      <Input className="input public-source-input" value={source} onInput={(e) => setSource(e.detail.value)} placeholder="来源" />
      <Input
        className="input public-date-input"
        value={date}
        onInput={(e) => setDate(e.detail.value)}
        placeholder="公布时间,如 2026-12-01 21:15"
      />
      <Button className="btn primary block send-public-number" disabled={busy || undefined} onClick={send}>
        {busy ? '正在提交…' : '录入'}
      </Button>
      {message && <View className="error">{message}</View>}
    </View>
  );
}
