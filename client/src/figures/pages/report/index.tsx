import { Button, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate, beijingMonth } from '@shared/domain/beijing-time';
import type { MonthlyReport } from '@shared/schemas/figures';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { LoadError, PageShell } from '../../../components/page-shell';
import { FIGURE_WORDS, monthText, percent } from '../../figure-words';
import '../../figures.css';

const RATES = ['response', 'resolution', 'satisfaction'] as const;

/** “2026年12月5日”. */
const dateText = (ms: number) => {
  const [y, m, d] = beijingDate(ms).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/**
 * 月度报告: a community's month as an A4 sheet for the noticeboard (and to read on the phone): 本月收到 N 件,解决 M 件,
 * the three rates with their counts, by category, and the best-rated wishes whose residents agreed to show them.
 * Large type, words and numbers only; in the browser 打印 prints the sheet alone (figures.css @media print).
 */
export default function Report() {
  const { params } = useRouter();
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api
      .monthlyReport(params.communityId ? decodeURIComponent(params.communityId) : undefined, params.month || undefined)
      .then(setReport, (e) => setError(errorText(e, '报告没有加载成功,请重试')));
  };
  useDidShow(load);
  const when = report && (report.month === beijingMonth(Date.now()) ? '本月' : monthText(report.month));

  return (
    <PageShell>
      {error && <LoadError message={error} onRetry={load} />}
      {!report && !error && <View className="empty">正在加载…</View>}
      {report && (
        <View className="report-sheet" data-community-id={report.communityId} data-month={report.month}>
          <View className="report-kind">
            {report.name} · {monthText(report.month)}微心愿报告
          </View>
          <View className="report-headline">
            {when}收到 <View className="report-received">{report.received}</View> 件,解决{' '}
            <View className="report-resolved">{report.resolved}</View> 件
          </View>
          {RATES.map((k) => (
            <View key={k} className="report-row report-rate" data-figure={k}>
              <View>{FIGURE_WORDS[k].name}</View>
              <View className="report-rate-value">
                {percent(report.rates[k])}({report.rates[k].numerator}/{report.rates[k].denominator})
              </View>
            </View>
          ))}
          <View className="report-label">按类别</View>
          {report.categories.length === 0 && <View className="report-row">本月还没有心愿</View>}
          {report.categories.map((c) => (
            <View key={c.category} className="report-row report-category" data-category={c.category}>
              <View>{c.categoryName}</View>
              <View>
                收到 {c.received} · 解决 {c.resolved}
              </View>
            </View>
          ))}
          {report.best.length > 0 && <View className="report-label">居民好评的心愿(经居民同意公开)</View>}
          {report.best.map((w) => (
            <View key={w.id} className="report-best" data-wish-id={w.id}>
              <View>
                {w.categoryName} · {w.buildingName} {w.ownerName} {'★'.repeat(w.rating ?? 0)}
              </View>
              {w.description && <View>{w.description}</View>}
              <View>
                {w.teamName ?? ''}
                {w.claimantName ? ` ${w.claimantName}` : ''} 帮忙完成
              </View>
              {w.comment && <View>“{w.comment}”</View>}
            </View>
          ))}
          <View className="report-foot">
            <View>数字由每件心愿的记录自动统计,口径公开,任何人不能修改</View>
            <View>{dateText(Date.now())}</View>
          </View>
        </View>
      )}
      {report && process.env.TARO_ENV === 'h5' && (
        <Button className="btn primary block no-print print-now" onClick={() => window.print()}>
          打印(A4)
        </Button>
      )}
    </PageShell>
  );
}
