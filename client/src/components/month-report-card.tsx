import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { type Figure, MonthlyReport } from '@shared/schemas/figures';
import { early } from '../api/early';
import { api } from '../api/endpoints';

const RATE_NAMES = [
  ['response', '响应率'],
  ['resolution', '解决率'],
  ['satisfaction', '满意率'],
] as const;
const percent = (f: Figure) => (f.rate === null ? '—' : `${(Math.round(f.rate * 1000) / 10).toFixed(1)}%`);

/**
 * The month's report on the residents' wall (首页): 本月收到 N 件,解决 M 件, the three rates, by category, the
 * best-rated wishes residents agreed to show; it opens the printable sheet. Someone of no community sees nothing.
 */
export function MonthReportCard() {
  const [report, setReport] = useState<MonthlyReport | null>(null);
  useDidShow(() => {
    // The first show takes the answer index.html asked for while the code loaded (H5), so the card does not
    // arrive late and push the wall down.
    early('/figures/report', MonthlyReport, () => api.monthlyReport()).then(setReport, () => setReport(null));
  });
  if (!report) return null;
  return (
    <View className="card month-report" data-community-id={report.communityId} data-month={report.month}>
      <View className="card-title month-report-headline">
        本月收到 {report.received} 件,解决 {report.resolved} 件
      </View>
      <View className="muted">{report.name}</View>
      {RATE_NAMES.map(([k, name]) => (
        <View key={k} className="row month-report-rate" data-figure={k}>
          <View className="text">{name}</View>
          <View className="text">{percent(report.rates[k])}</View>
        </View>
      ))}
      {report.categories.slice(0, 4).map((c) => (
        <View key={c.category} className="row month-report-category">
          <View className="text">{c.categoryName}</View>
          <View className="muted">
            收到 {c.received} · 解决 {c.resolved}
          </View>
        </View>
      ))}
      {report.best.slice(0, 2).map((w) => (
        <View key={w.id} className="muted month-report-best" data-wish-id={w.id}>
          {'★'.repeat(w.rating ?? 0)} {w.categoryName} · {w.buildingName} {w.ownerName}
        </View>
      ))}
      <Button
        className="btn block open-month-report"
        onClick={() =>
          Taro.navigateTo({
            url: `/figures/pages/report/index?communityId=${encodeURIComponent(report.communityId)}&month=${report.month}`,
          })
        }
      >
        查看月度报告(可打印)
      </Button>
    </View>
  );
}
