import { Button, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate } from '@shared/domain/beijing-time';
import type { DrawView } from '@shared/schemas/draws';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { slotWhen } from '../../booking-words';
import { drawPlan, silentText, witnessLabel } from '../../draw-words';
import '../../draw.css';

/** “2026年12月5日”. */
const dateText = (iso: string) => {
  const [y, m, d] = beijingDate(Date.parse(iso)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/**
 * A ballot's draw as an A4 sheet for the noticeboard, in large type: before the close what will happen and who
 * the witnesses are; from the close the frozen list and its hash, the commitments and reveals, the public number,
 * the seed and the order, and how anyone recomputes it. In the browser 打印 prints the sheet alone (draw.css).
 */
export default function DrawSheet() {
  const { params } = useRouter();
  const [draw, setDraw] = useState<DrawView | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.draw(params.service ?? '', params.slot ?? '').then(setDraw, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);

  return (
    <PageShell>
      {error && <LoadError message={error} onRetry={load} />}
      {!draw && !error && <View className="empty">正在加载…</View>}
      {draw && (
        <View className={`draw-sheet sheet-${draw.status}`}>
          <View className="sheet-kind">
            {draw.status === 'drawn' ? '抽签结果公示' : draw.status === 'committed' ? '抽签名单公示' : '抽签规则公告'}
          </View>
          <View className="sheet-title">{draw.serviceName}</View>
          <View className="sheet-text">
            {slotWhen(draw.start)},共{draw.seats}个名额。报名{formatTime(draw.closedAt)}截止。
          </View>
          {draw.status === 'open' && (
            <View>
              <View className="sheet-label">抽签怎么进行</View>
              {drawPlan(draw).map((line) => (
                <View key={line} className="sheet-text">
                  {line}
                </View>
              ))}
            </View>
          )}
          {draw.witnesses.length > 0 && <View className="sheet-label">监督人</View>}
          {draw.witnesses.map((w) => (
            <View key={w.userId} className="sheet-witness">
              <View className="sheet-text">
                {witnessLabel(w)}:{w.committedAt ? `${formatTime(w.committedAt)}承诺` : '未承诺'}
                {w.revealedAt ? `,${formatTime(w.revealedAt)}揭示` : ''}
                {w.silent ? `,${silentText(draw)}` : ''}
              </View>
              {w.commitment && <View className="sheet-hash">承诺值 {w.commitment}</View>}
              {w.secret && <View className="sheet-hash">密码 {w.secret}</View>}
            </View>
          ))}
          {draw.status !== 'open' && (
            <View>
              <View className="sheet-label">
                报名名单({draw.applicants.length}人,{formatTime(draw.closedAt)}冻结公布)
              </View>
              {draw.applicants.map((a) => (
                <View key={a.ticket} className="sheet-row sheet-applicant">
                  <View>
                    {a.ticket} {a.name}
                  </View>
                  <View>权重{a.weight}</View>
                </View>
              ))}
              <View className="sheet-hash sheet-list-hash">名单哈希 {draw.listHash}</View>
            </View>
          )}
          <View className="sheet-label">权重</View>
          {draw.weightClasses.map((c) => (
            <View key={c.reason} className="sheet-text">
              权重{c.weight}:{c.reason}
            </View>
          ))}
          {draw.publicSource && <View className="sheet-label">公开号码</View>}
          {draw.publicSource && (
            <View className="sheet-text">
              {draw.publicSource.name},{draw.publicSource.which}
              {draw.publicNumber
                ? `:${draw.publicNumber.value}(${draw.publicNumber.source},${formatTime(draw.publicNumber.publishedAt)}公布)`
                : draw.revealBy
                  ? `:监督人揭示期限(${formatTime(draw.revealBy)})之后公布`
                  : ':截止后公布'}
            </View>
          )}
          {draw.redrawSource && draw.redrawAt && (
            <View className="sheet-text">
              有监督人未揭示时,{formatTime(draw.redrawAt)}重抽,加用{draw.redrawSource.name},{draw.redrawSource.which}
              {draw.redrawNumber
                ? `:${draw.redrawNumber.value}(${draw.redrawNumber.source},${formatTime(draw.redrawNumber.publishedAt)}公布)`
                : ''}
            </View>
          )}
          {draw.seed && (
            <View>
              <View className="sheet-label">随机种子</View>
              <View className="sheet-hash sheet-seed">{draw.seed}</View>
              <View className="sheet-label">抽签结果</View>
              {draw.entries.map((e) => (
                <View key={e.ticket} className="sheet-row sheet-entry">
                  <View>
                    第{e.rank}名 {e.ticket} {e.name}
                  </View>
                  <View>{e.outcome === 'won' ? '中签' : '候补'}</View>
                </View>
              ))}
            </View>
          )}
          <View className="sheet-label">怎样核对</View>
          <View className="sheet-text">
            在“邻里”小程序的抽签页可复制名单原文和种子原文,用任何SHA-256工具(如电脑上的 sha256sum)按页上的步骤重算,或点“在手机上核对”。
          </View>
          <View className="sheet-foot">
            <View>社区居委会</View>
            <View>{dateText(draw.drawnAt ?? (draw.status === 'open' ? new Date().toISOString() : draw.closedAt))}</View>
          </View>
        </View>
      )}
      {draw && process.env.TARO_ENV === 'h5' && (
        <Button className="btn primary block no-print print-now" onClick={() => window.print()}>
          打印(A4)
        </Button>
      )}
    </PageShell>
  );
}
