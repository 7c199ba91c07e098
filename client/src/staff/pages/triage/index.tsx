import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { LEVEL_NAME } from '@shared/domain/levels';
import type { Category, PlaceNode } from '@shared/schemas/places';
import type { QueueQuery } from '@shared/schemas/queue';
import type { Level } from '@shared/schemas/sla';
import type { Me } from '@shared/schemas/users';
import { WISH_STATUSES, type WishStatus } from '@shared/schemas/wishes';
import { isOpen } from '@shared/domain/wish-machine';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { STATUS_LABEL, timeLeft } from '../../../components/labels';
import { ListState, LoadError, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useNow } from '../../../components/use-now';
import { WishCard } from '../../../components/wish-card';

type Filters = Partial<Omit<QueueQuery, 'limit' | 'cursor'>>;

/** The stages a wish still open can be at, in the machine's order. */
const STAGES: WishStatus[] = WISH_STATUSES.filter(isOpen);
const OVERDUE = [
  ['yellow', '即将超时'],
  ['red', '已超时'],
] as const;

/** The levels whose queue this person runs: grid workers their grids, staff their community too, street staff the street. */
function levelsOf(user: Me | null): Level[] {
  const levels: Level[] = [];
  if (hasRole(user, 'gridWorker') || hasRole(user, 'staff')) levels.push('grid');
  if (hasRole(user, 'staff')) levels.push('community');
  if (hasRole(user, 'streetStaff')) levels.push('street');
  return levels;
}

/** The grids under the places this person manages, from the place tree. */
function gridsOf(user: Me | null, tree: PlaceNode[]): PlaceNode[] {
  const all: PlaceNode[] = [];
  const walk = (nodes: PlaceNode[], inScope: boolean) => {
    for (const n of nodes) {
      const mine =
        inScope || !!user?.staffCommunityIds.includes(n.id) || !!user?.streetIds.includes(n.id) || !!user?.gridIds.includes(n.id);
      if (n.kind === 'grid') {
        if (mine) all.push(n);
      } else walk(n.children, mine);
    }
  };
  walk(tree, false);
  return all;
}

/** One row of chips: "all" and each option; the chosen one is marked. */
function Chips<T extends string>({
  name,
  label,
  value,
  options,
  onChange,
  all = '全部',
}: {
  name: string;
  label: string;
  value: T | undefined;
  options: readonly (readonly [T, string])[];
  onChange: (v: T | undefined) => void;
  all?: string | null;
}) {
  return (
    <View className={`chips chips-${name}`}>
      <View className="muted">{label}</View>
      <View className="wrap">
        {all !== null && (
          <Button className={`btn chip chip-${name}-all ${value === undefined ? 'selected' : ''}`} onClick={() => onChange(undefined)}>
            {all}
          </Button>
        )}
        {options.map(([v, text]) => (
          <Button
            key={v}
            className={`btn chip chip-${name} chip-${name}-${v} ${value === v ? 'selected' : ''}`}
            data-value={v}
            onClick={() => onChange(v)}
          >
            {text}
          </Button>
        ))}
      </View>
    </View>
  );
}

/**
 * The queue of a grid worker (their grids), community staff (the community and its grids) or street staff
 * (what was escalated to the street): filtered by stage, category, grid, level and clock, oldest or most
 * urgent first. Each card says the level the wish is at and how its clock stands.
 */
export default function Triage() {
  const user = session.user();
  const street = hasRole(user, 'streetStaff') && !hasRole(user, 'gridWorker') && !hasRole(user, 'staff');
  // A grid worker starts with what no team took yet; street staff with everything escalated to them.
  const [filters, setFilters] = useState<Filters>(street ? { order: 'urgent' } : { stage: 'submitted' });
  const [more, setMore] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [tree, setTree] = useState<PlaceNode[]>([]);
  const [optionsError, setOptionsError] = useState('');
  const now = useNow();
  const key = JSON.stringify(filters);
  const list = usePagedList((cursor) => api.triage(filters, cursor), key);

  const loadOptions = () => {
    setOptionsError('');
    Promise.all([api.categories(), api.places()]).then(
      ([c, p]) => {
        setCategories(c.items);
        setTree(p.items);
      },
      (e) => setOptionsError(errorText(e, '筛选项加载失败')),
    );
  };
  // The chips for category and grid are only needed once "more filters" is open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when "more filters" opens
  useEffect(() => {
    if (more && !categories.length) loadOptions();
  }, [more]);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) => setFilters((f) => ({ ...f, [name]: value }));
  const levels = levelsOf(user);
  const grids = gridsOf(user, tree);
  const extra = [filters.category, filters.gridId, filters.level].filter(Boolean).length;

  return (
    <PageShell>
      {!street && (
        <View>
          <Button className="btn primary block" onClick={() => Taro.navigateTo({ url: '/staff/pages/file/index' })}>
            代居民提交心愿
          </Button>
          <Button className="btn block residents" onClick={() => Taro.navigateTo({ url: '/staff/pages/residents/index' })}>
            居民核实
          </Button>
          {/* Wishes no volunteer can settle (parking, a canteen, house rules) go to the residents' council. */}
          <Button className="btn block raise-to-council" onClick={() => Taro.navigateTo({ url: '/council/pages/raise/index' })}>
            转入居民议事会
          </Button>
        </View>
      )}
      <View className="card triage-filters">
        <Chips
          name="order"
          label="排序"
          all={null}
          value={filters.order ?? 'oldest'}
          options={[
            ['oldest', '最早'],
            ['urgent', '最急'],
          ]}
          onChange={(v) => set('order', v)}
        />
        <Chips
          name="stage"
          label="阶段"
          value={filters.stage}
          options={STAGES.map((s) => [s, STATUS_LABEL[s]] as const)}
          onChange={(v) => set('stage', v)}
        />
        <Chips name="overdue" label="时限" value={filters.overdue} options={OVERDUE} onChange={(v) => set('overdue', v)} />
        <Button className="btn block more-filters" onClick={() => setMore(!more)}>
          {more ? '收起筛选' : `更多筛选(类别、网格、层级)${extra ? ` · 已选${extra}项` : ''}`}
        </Button>
        {more && (
          <View>
            {optionsError && <LoadError message={optionsError} onRetry={loadOptions} />}
            {levels.length > 1 && (
              <Chips
                name="level"
                label="层级"
                value={filters.level}
                options={levels.map((l) => [l, LEVEL_NAME[l]] as const)}
                onChange={(v) => set('level', v)}
              />
            )}
            {grids.length > 1 && (
              <Chips
                name="grid"
                label="网格"
                value={filters.gridId}
                options={grids.map((g) => [g.id, g.name] as const)}
                onChange={(v) => set('gridId', v)}
              />
            )}
            <Chips
              name="category"
              label="类别"
              value={filters.category}
              options={categories.map((c) => [c.id, c.name] as const)}
              onChange={(v) => set('category', v)}
            />
          </View>
        )}
      </View>
      <View className="section">
        {street ? '上报到街道的心愿' : '心愿队列'}({filters.order === 'urgent' ? '最急的在前' : '最早的在前'})
      </View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="没有符合条件的心愿"
        onRetry={list.reload}
      />
      {list.items.map((w) => (
        <WishCard
          key={w.id}
          wish={w}
          action={
            w.deadline ? (
              <View className="muted card-deadline">
                时限:{timeLeft(w.deadline, now) === '已过期' ? '已过期' : `还剩${timeLeft(w.deadline, now)}`}
              </View>
            ) : null
          }
        />
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
