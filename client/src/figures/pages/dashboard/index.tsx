import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { beijingMonth } from '@shared/domain/beijing-time';
import {
  type CountKey,
  FIGURE_KEYS,
  type FigureKey,
  type FigurePart,
  type FigureScope,
  type FiguresView,
  type Trend,
} from '@shared/schemas/figures';
import type { Me } from '@shared/schemas/users';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { ListState, PageShell } from '../../../components/page-shell';
import { COUNT_WORDS, FIGURE_WORDS, monthText, percent, shiftMonth } from '../../figure-words';
import '../../figures.css';

interface Scope {
  scope: FigureScope;
  id: string;
}

/** The scopes the signed-in user reads: street staff their street, community staff their community, a grid worker each grid. */
function scopesOf(user: Me | null): Scope[] {
  if (!user) return [];
  if (hasRole(user, 'streetStaff') && user.streetIds.length) return user.streetIds.map((id) => ({ scope: 'street', id }));
  if (hasRole(user, 'staff') && user.staffCommunityIds.length) return user.staffCommunityIds.map((id) => ({ scope: 'community', id }));
  return user.gridIds.map((id) => ({ scope: 'grid', id }));
}

interface Board {
  view: FiguresView;
  trend: Trend;
  /** The grids (a community's; a grid worker's own) or a street's communities, side by side. */
  side: FiguresView[];
}

/** The counts the dashboard shows, each opening the wishes it counts: what is stuck first. */
const SHOWN_COUNTS: CountKey[] = [
  'openOverdue',
  'escalated',
  'submitted',
  'open',
  'confirmed',
  'autoConfirmed',
  'closedUnfixed',
  'rejected',
  'merged',
  'byProxy',
  'council',
];
/** The class each count row has always had (the browser tests and the elder check find them by it). */
const countClass = (k: CountKey) => `count-${k === 'openOverdue' ? 'overdue' : k}`;

/** The height of a rate in a chart, in percent of the chart: a figure with nothing counted sits at the bottom. */
const level = (rate: number | null) => Math.round((rate ?? 0) * 100);

/**
 * 数据看板: the month's six figures of the user's scope, each with its numerator and denominator (tap one for
 * the wishes behind it) and its definition, the overdue and escalated counts, a six-month trend and the grids
 * side by side. The charts are plain Views (see README: no chart library fits the time and both builds), each
 * with a text table beside it.
 */
export default function Dashboard() {
  const scopes = scopesOf(session.user());
  const thisMonth = beijingMonth(Date.now());
  const [month, setMonth] = useState(thisMonth);
  const [at, setAt] = useState(0);
  const [board, setBoard] = useState<Board | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [info, setInfo] = useState<FigureKey | null>(null);
  const [chart, setChart] = useState<FigureKey>('response');

  const load = async (index = at, asked = month) => {
    const s = scopes[index];
    if (!s) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError('');
    try {
      const [view, trend, side] = await Promise.all([
        api.figures(s.scope, s.id, asked),
        api.figureTrend(s.scope, s.id, asked),
        s.scope === 'grid'
          ? scopes.length > 1
            ? Promise.all(scopes.map((g) => api.figures(g.scope, g.id, asked)))
            : Promise.resolve([])
          : api.figureCompare(s.scope === 'street' ? 'street' : 'community', s.id, asked).then((c) => c.items),
      ]);
      setBoard({ view, trend, side });
    } catch (e) {
      setError(errorText(e, '数据没有加载成功,请重试'));
    } finally {
      setLoading(false);
    }
  };
  useDidShow(() => void load());

  const choose = (index: number) => {
    setAt(index);
    void load(index);
  };
  /** Another month (never after this one): its figures and counts, the trend's six months ending with it, the grids. */
  const pick = (next: string) => {
    if (next > thisMonth) return;
    setMonth(next);
    void load(at, next);
  };
  const openWishes = (what: string) => {
    if (!board) return;
    const { scope, id, month: shown, name } = board.view;
    void Taro.navigateTo({
      url: `/figures/pages/wishes/index?scope=${scope}&id=${encodeURIComponent(id)}&month=${shown}&${what}&name=${encodeURIComponent(name)}`,
    });
  };
  const open = (figure: FigureKey, part: FigurePart) => openWishes(`figure=${figure}&part=${part}`);
  const openCount = (count: CountKey) => openWishes(`count=${count}`);

  const view = board?.view;
  const months = board?.trend.items ?? [];
  // A month with nothing counted has no point: the line joins only months that have a rate.
  const points = months.map((m) => (m.figures[chart].rate === null ? null : level(m.figures[chart].rate)));

  return (
    <PageShell>
      <View className="title">数据看板</View>
      <View className="row month-picker">
        <Button className="btn month-prev" aria-label="上个月" onClick={() => pick(shiftMonth(month, -1))}>
          ‹ 上月
        </Button>
        <Text className="month-label" data-month={month}>
          {monthText(month)}
        </Text>
        {month < thisMonth ? (
          <Button className="btn month-next" aria-label="下个月" onClick={() => pick(shiftMonth(month, 1))}>
            下月 ›
          </Button>
        ) : (
          <Text className="muted month-now">本月</Text>
        )}
      </View>
      {scopes.length > 1 && (
        <View className="wrap chips scope-chips">
          {scopes.map((s, i) => (
            <Button key={s.id} className={`btn chip scope-chip${i === at ? ' selected' : ''}`} onClick={() => choose(i)}>
              {board?.side.find((g) => g.id === s.id)?.name ?? s.id}
            </Button>
          ))}
        </View>
      )}
      <ListState
        loading={loading && !board}
        error={error}
        empty={scopes.length === 0}
        emptyText="您没有可以查看的数据范围"
        onRetry={() => void load()}
      />
      {view && (
        <View className="board" data-scope={view.scope} data-id={view.id} data-month={view.month}>
          <View className="muted board-scope">
            {view.name} · {view.month} · 点数字查看背后的心愿
          </View>

          {FIGURE_KEYS.map((k) => {
            const f = view.figures[k];
            const words = FIGURE_WORDS[k];
            return (
              <View key={k} className="card figure-card" data-figure={k}>
                <View className="row">
                  <Text className="card-title figure-name">{words.name}</Text>
                  <Text className="figure-rate">{percent(f)}</Text>
                  <Button
                    className={`btn figure-info${info === k ? ' open' : ''}`}
                    aria-label={`${words.name}的定义`}
                    onClick={() => setInfo(info === k ? null : k)}
                  >
                    ⓘ
                  </Button>
                </View>
                {info === k && <View className="notice figure-definition">{words.definition}</View>}
                <View className="figure-parts">
                  <Button className="btn figure-part part-numerator" onClick={() => open(k, 'numerator')}>
                    {words.numerator} <Text className="part-count">{f.numerator}</Text>
                  </Button>
                  <Button className="btn figure-part part-denominator" onClick={() => open(k, 'denominator')}>
                    {words.denominator} <Text className="part-count">{f.denominator}</Text>
                  </Button>
                  <Button className="btn figure-part part-missing" onClick={() => open(k, 'missing')}>
                    {words.missing} <Text className="part-count">{Math.max(0, f.denominator - f.numerator)}</Text>
                  </Button>
                </View>
              </View>
            );
          })}

          <View className="card counts">
            <View className="card-title">{monthText(view.month)}件数(点数字查看心愿)</View>
            {SHOWN_COUNTS.map((k) => (
              <Button key={k} className={`btn row count-row ${countClass(k)}`} data-count={k} onClick={() => openCount(k)}>
                <Text className="text">{COUNT_WORDS[k]}</Text>
                <Text className="count-value">{view.counts[k]}</Text>
              </Button>
            ))}
          </View>

          <View className="row board-links">
            <Button
              className="btn block open-lists"
              onClick={() => Taro.navigateTo({ url: `/figures/pages/lists/index?scope=${view.scope}&id=${encodeURIComponent(view.id)}` })}
            >
              三个清单(需求、资源、问题)
            </Button>
            {view.scope !== 'street' && (
              <Button
                className="btn block open-report"
                onClick={() =>
                  Taro.navigateTo({
                    url: `/figures/pages/report/index?month=${view.month}${view.scope === 'community' ? `&communityId=${encodeURIComponent(view.id)}` : ''}`,
                  })
                }
              >
                月度报告(可打印张贴)
              </Button>
            )}
          </View>

          <View className="section">走势与对比</View>
          <View className="wrap chips chart-chips">
            {FIGURE_KEYS.map((k) => (
              <Button
                key={k}
                className={`btn chip chart-chip${k === chart ? ' selected' : ''}`}
                data-figure={k}
                onClick={() => setChart(k)}
              >
                {FIGURE_WORDS[k].name}
              </Button>
            ))}
          </View>

          <View className="card trend">
            <View className="card-title">
              截至{monthText(view.month)}的六个月{FIGURE_WORDS[chart].name}
            </View>
            {/* The line: a dot per month, joined to the next by a clipped strip; read by the table below. */}
            <View className="trend-chart" aria-hidden>
              {points.map((y, i) => {
                const next = points[i + 1];
                const x = ((i + 0.5) / points.length) * 100;
                return (
                  <View key={months[i].month}>
                    {y !== null && next !== undefined && next !== null && (
                      <View
                        className="trend-segment"
                        style={{
                          left: `${x}%`,
                          width: `${100 / points.length}%`,
                          clipPath: `polygon(0 ${100 - y}%, 100% ${100 - next}%, 100% calc(${100 - next}% + 3px), 0 calc(${100 - y}% + 3px))`,
                        }}
                      />
                    )}
                    {y !== null && <View className="trend-dot" style={{ left: `${x}%`, top: `${100 - y}%` }} />}
                  </View>
                );
              })}
            </View>
            <View className="trend-table">
              {months.map((m) => (
                <View key={m.month} className="row table-row trend-row" data-month={m.month}>
                  <Text className="text">{m.month}</Text>
                  <Text className="text trend-rate">{percent(m.figures[chart])}</Text>
                  <Text className="muted">
                    {m.figures[chart].numerator}/{m.figures[chart].denominator}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          {board.side.length > 0 && (
            <View className="card compare">
              <View className="card-title">
                {view.scope === 'street' ? '各社区' : '各网格'}
                {FIGURE_WORDS[chart].name}
              </View>
              {board.side.map((g) => (
                <View key={g.id} className="compare-item" data-id={g.id}>
                  <View className="row table-row">
                    <Text className="text compare-name">{g.name}</Text>
                    <Text className="text compare-rate">{percent(g.figures[chart])}</Text>
                    <Text className="muted">
                      {g.figures[chart].numerator}/{g.figures[chart].denominator}
                    </Text>
                  </View>
                  <View className="bar-track" aria-hidden>
                    <View className="bar-fill" style={{ width: `${level(g.figures[chart].rate)}%` }} />
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
