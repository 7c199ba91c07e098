import type { CountKey, Figure, FigureKey } from '@shared/schemas/figures';

/**
 * Each figure's name and its definition as staff read it behind the ⓘ: the words of docs/figures.md
 * (shared/domain/figures.ts is the definition in code). One text per figure; change them together.
 */
export const FIGURE_WORDS: Record<
  FigureKey,
  { name: string; numerator: string; denominator: string; missing: string; definition: string }
> = {
  response: {
    name: '响应率',
    missing: '未按时',
    numerator: '按时响应',
    denominator: '应响应',
    definition:
      '在认领时限内有人处理(志愿者认领、人工派单、工作人员直接解决、结束或不予受理)的心愿 ÷ 有人处理过的心愿,加上认领时限已过仍无人处理的心愿。时限:待分派时为派单时限(30 个工作分钟,紧急 10 分钟),派单后为认领时限(1 个工作日,紧急 2 小时)。自动派单、退单、上报、合并、转入议事会都不算响应。',
  },
  resolution: {
    name: '解决率',
    missing: '未解决',
    numerator: '确认解决',
    denominator: '应解决',
    definition:
      '确认解决的心愿(居民确认、经同意代为确认或到期自动确认)÷ 这些心愿,加上未能解决、不予受理(运营方作为滥用删除的除外)和超过办结时限仍未结束的心愿。超期的心愿一旦确认,就转入分子。',
  },
  satisfaction: {
    name: '满意率',
    missing: '非好评',
    numerator: '4—5 星',
    denominator: '已评价',
    definition: '评 4 星或 5 星的心愿 ÷ 有评价的心愿。有过异议的心愿只算最后一次评价;自动确认的心愿没有评价,不计入。',
  },
  onTime: {
    name: '按期处置率',
    missing: '逾期',
    numerator: '按期办结',
    denominator: '应办结',
    definition:
      '在最初的办结时限(提交时的 3 个工作日)内办完的心愿 ÷ 办完的心愿,加上超过该时限仍未办完的心愿。延长办结时限不改变最初的时限:延期后才办完的算逾期。',
  },
  rework: {
    name: '返工率',
    missing: '无异议',
    numerator: '有过异议',
    denominator: '曾办完',
    definition: '居民至少提出过一次“还没解决”的心愿 ÷ 至少办完过一次(志愿者完成或工作人员直接解决)的心愿。越低越好。',
  },
  sendBack: {
    name: '退单率',
    missing: '未退单',
    numerator: '退单',
    denominator: '派单',
    definition:
      '队伍的退单次数 ÷ 派给队伍的次数(自动或人工派单都算)。协作协议结束时系统退回的不算队伍退单。点开数字列出至少被派过一次、至少被退过一次的心愿。越低越好。',
  },
};

/** A rate as a percentage with one decimal, or a dash when nothing was counted. */
export const percent = (f: Figure): string => (f.rate === null ? '—' : `${(Math.round(f.rate * 1000) / 10).toFixed(1)}%`);

/** Each count as the dashboard names it (docs/figures.md): tap one for the wishes it counts. */
export const COUNT_WORDS: Partial<Record<CountKey, string>> = {
  submitted: '本月提交',
  byProxy: '代为提交',
  confirmed: '确认解决',
  autoConfirmed: '到期自动确认',
  closedUnfixed: '未能解决',
  rejected: '不予受理',
  merged: '合并到其他心愿',
  open: '仍在办理',
  openOverdue: '超过办结时限仍未办完',
  escalated: '上报过的心愿',
  council: '转入居民议事会',
};

/** “2026年11月”. */
export const monthText = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The month before or after one: 2026-01 → 2025-12. */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
