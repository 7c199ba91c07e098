import { figuresOf, type Tally } from '../../shared/domain/figures';
import { COUNT_KEYS, type CountKey, FIGURE_KEYS, type FigureKey, type Figure } from '../../shared/schemas/figures';
import type { ExportQuery } from '../../shared/schemas/figures';
import type { User } from '../../shared/schemas/users';
import { gridCountersIn } from '../data/figures';
import { allPlaces } from '../data/places';
import { FileReply } from '../http/handler';
import { figureScope, monthOr } from './scope';

const FIGURE_LABEL: Record<FigureKey, string> = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
  onTime: '按期处置率',
  rework: '返工率',
  sendBack: '退单率',
};
const COUNT_LABEL: Record<CountKey, string> = {
  submitted: '收到',
  byProxy: '代居民提交',
  confirmed: '居民确认',
  autoConfirmed: '自动确认',
  closedUnfixed: '未解决结束',
  rejected: '不予受理',
  removed: '运营删除',
  merged: '合并',
  open: '在办',
  openOverdue: '在办已超期',
  escalated: '上报',
  council: '转议事会',
  extended: '延期',
  doneInExtension: '延期内办结',
};

/** A CSV cell: quoted when it holds a comma, a quote or a line break; a leading = + - @ cannot start a formula. */
const cell = (v: string | number): string => {
  const s = String(v);
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const percent = (f: Figure) => (f.rate === null ? '' : `${(f.rate * 100).toFixed(1)}%`);

/** The CSV of a street's month, one row per grid (UTF-8 with a BOM, so Excel reads the Chinese). Pure. */
export function streetCsv(rows: { community: string; grid: string; tally: Tally }[]): string {
  const header = [
    '社区',
    '网格',
    ...FIGURE_KEYS.flatMap((k) => [FIGURE_LABEL[k], `${FIGURE_LABEL[k]}分子`, `${FIGURE_LABEL[k]}分母`]),
    ...COUNT_KEYS.map((k) => COUNT_LABEL[k]),
  ];
  const lines = rows.map(({ community, grid, tally }) => {
    const { figures, counts } = figuresOf(tally);
    return [
      community,
      grid,
      ...FIGURE_KEYS.flatMap((k) => [percent(figures[k]), figures[k].numerator, figures[k].denominator]),
      ...COUNT_KEYS.map((k) => counts[k]),
    ];
  });
  return `\uFEFF${[header, ...lines].map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** `GET /figures/export?scope=street`: every grid of the street, with its community, zeros for a quiet grid. */
export async function exportStreet(user: User, q: ExportQuery, now: Date): Promise<FileReply> {
  const s = await figureScope(user, 'street', q.id);
  const month = monthOr(q.month, now);
  const [places, counters] = await Promise.all([allPlaces(), gridCountersIn('street', s.id, month, month)]);
  const name = new Map(places.map((p) => [p.id, p.name]));
  const grids = places.filter((p) => p.kind === 'grid' && p.streetId === s.id).sort((a, b) => a.order - b.order);
  const rows = grids.map((g) => ({
    community: name.get(g.communityId ?? '') ?? '',
    grid: g.name,
    tally: counters.find((c) => c.id === g.id)?.tally ?? {},
  }));
  return new FileReply('text/csv; charset=utf-8', `figures-${s.id}-${month}.csv`, streetCsv(rows));
}
