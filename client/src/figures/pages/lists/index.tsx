import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate } from '@shared/domain/beijing-time';
import type { FigureWish } from '@shared/schemas/figures';
import { ListScope, type NeedsList, type ProblemReason, type ProblemsList, type ResourcesList } from '@shared/schemas/lists';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { STATUS_LABEL } from '../../../components/labels';
import { ListState, PageShell } from '../../../components/page-shell';
import '../../figures.css';

type Tab = 'needs' | 'resources' | 'problems';
const TABS: [Tab, string][] = [
  ['needs', '需求清单'],
  ['resources', '资源清单'],
  ['problems', '问题清单'],
];
const REASON_WORDS: Record<ProblemReason, string> = {
  red: '已超时',
  escalated: '已上报',
  sentBackTwice: '两次以上退单',
  disputed: '居民有异议',
  council: '转入议事会',
};
const day = (iso: string) => beijingDate(Date.parse(iso));

/** The scope asked for, else the signed-in user's own: street staff their street, staff their community, a grid worker a grid. */
function scopeOf(params: Record<string, string | undefined>): { scope: ListScope; id: string } | null {
  const scope = ListScope.safeParse(params.scope);
  if (scope.success && params.id) return { scope: scope.data, id: decodeURIComponent(params.id) };
  const user = session.user();
  if (!user) return null;
  if (hasRole(user, 'streetStaff') && user.streetIds[0]) return { scope: 'street', id: user.streetIds[0] };
  if (hasRole(user, 'staff') && user.staffCommunityIds[0]) return { scope: 'community', id: user.staffCommunityIds[0] };
  return user.gridIds[0] ? { scope: 'grid', id: user.gridIds[0] } : null;
}

/** A wish of a list: where, what, its state; the owner's name masked as the API gives it; a tap opens it. */
function ListWish({ w, extra }: { w: FigureWish; extra?: React.ReactNode }) {
  return (
    <View className="list-item list-wish" data-wish-id={w.id}>
      <View className="row">
        <Text className="text">
          {w.categoryName} · {w.buildingName}
        </Text>
        <Text className={`tag status-${w.status}`}>{STATUS_LABEL[w.status]}</Text>
      </View>
      <View className="muted">
        {w.ownerName} 提交于 {day(w.createdAt)}
        {w.teamName ? ` · ${w.teamName}` : ''}
      </View>
      {extra}
      <Button className="btn block open-wish" onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${w.id}` })}>
        查看心愿
      </Button>
    </View>
  );
}

/**
 * 三个清单 for staff and grid workers: 需求清单 (open needs by category and grid), 资源清单 (teams and services this
 * week), 问题清单 (what is stuck). Each row opens its items: a need its wishes, a team its members, a service its
 * page, a stuck wish the wish (and a council's its topic).
 */
export default function Lists() {
  const { params } = useRouter();
  const where = scopeOf(params);
  const [tab, setTab] = useState<Tab>(TABS.some(([t]) => t === params.tab) ? (params.tab as Tab) : 'needs');
  const [needs, setNeeds] = useState<NeedsList | null>(null);
  const [resources, setResources] = useState<ResourcesList | null>(null);
  const [problems, setProblems] = useState<ProblemsList | null>(null);
  const [openRow, setOpenRow] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');

  const load = async (which = tab) => {
    if (!where) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError('');
    try {
      if (which === 'needs') setNeeds(await api.needsList(where.scope, where.id));
      if (which === 'resources') setResources(await api.resourcesList(where.scope, where.id));
      if (which === 'problems') setProblems(await api.problemsList(where.scope, where.id));
    } catch (e) {
      setError(errorText(e, '清单没有加载成功,请重试'));
    } finally {
      setLoading(false);
    }
  };
  useDidShow(() => void load());
  const choose = (t: Tab) => {
    setTab(t);
    setOpenRow(null);
    void load(t);
  };
  const toggle = (key: string) => setOpenRow(openRow === key ? null : key);
  const shown = tab === 'needs' ? needs : tab === 'resources' ? resources : problems;

  return (
    <PageShell>
      <View className="title">三个清单</View>
      <View className="wrap chips list-tabs">
        {TABS.map(([t, label]) => (
          <Button key={t} className={`btn chip list-tab${t === tab ? ' selected' : ''}`} data-tab={t} onClick={() => choose(t)}>
            {label}
          </Button>
        ))}
      </View>
      <ListState
        loading={loading && !shown}
        error={error}
        empty={!where}
        emptyText="您没有可以查看的清单范围"
        onRetry={() => void load()}
      />

      {tab === 'needs' && needs && (
        <View className="needs-list" data-total={needs.total}>
          <View className="muted">
            {needs.name} · 正在办理的心愿共 {needs.total} 件,按类别和网格;点一行查看心愿
          </View>
          {needs.rows.length === 0 && <View className="empty">没有正在办理的心愿</View>}
          {needs.rows.map((r) => {
            const key = `${r.category}#${r.gridId}`;
            return (
              <View key={key} className="need" data-category={r.category} data-grid-id={r.gridId}>
                <Button className="btn list-row need-row" onClick={() => toggle(key)}>
                  <Text className="text">
                    {r.categoryName} · {r.gridName}
                  </Text>
                  <Text className="count-value need-open">{r.open} 件</Text>
                </Button>
                <View className="muted">
                  超时 {r.red} · 紧急 {r.urgent} · 最早 {day(r.oldest)}
                </View>
                {openRow === key && r.wishes.map((w) => <ListWish key={w.id} w={w} />)}
              </View>
            );
          })}
        </View>
      )}

      {tab === 'resources' && resources && (
        <View className="resources-list">
          <View className="muted">
            {resources.name} · 本周 {resources.week.from} 至 {resources.week.to}
          </View>
          <View className="section">队伍</View>
          {resources.teams.map((t) => (
            <View key={t.id} className="team" data-team-id={t.id}>
              <Button className="btn list-row team-row" onClick={() => toggle(t.id)}>
                <Text className="text">
                  {t.name}
                  {t.partner ? '(共建)' : ''}
                </Text>
                <Text className="count-value team-hours">{t.freeHours} 小时</Text>
              </Button>
              <View className="muted">
                {t.available}/{t.members} 人可用 · 在办 {t.load}/{t.cap} · {t.skills.join('、')}
              </View>
              {openRow === t.id &&
                t.people.map((p) => (
                  <View key={`${p.name}-${p.role}`} className="list-item team-member">
                    <View className="text">
                      {p.name}
                      {p.role === 'lead' ? '(队长)' : ''}
                      {p.paused ? ' · 暂停中' : ''}
                    </View>
                    <View className="muted">
                      本周空闲 {p.freeHours} 小时 · {p.skills.join('、') || '未填技能'}
                    </View>
                  </View>
                ))}
            </View>
          ))}
          <View className="section">可预约的服务</View>
          {resources.services.length === 0 && <View className="empty">没有可预约的服务</View>}
          {resources.services.map((s) => (
            <View key={s.id} className="service" data-service-id={s.id}>
              <Button
                className="btn list-row service-row"
                onClick={() => Taro.navigateTo({ url: `/booking/pages/service/index?id=${encodeURIComponent(s.id)}` })}
              >
                <Text className="text">{s.name}</Text>
                <Text className="count-value service-free">余 {s.free} 位</Text>
              </Button>
              <View className="muted">
                本周 {s.slots} 场 · {s.seats} 个名额 · 已约 {s.booked} · {s.place}
              </View>
            </View>
          ))}
        </View>
      )}

      {tab === 'problems' && problems && (
        <View className="problems-list">
          <View className="muted">{problems.name} · 卡住的心愿,每件列出全部原因</View>
          <View className="wrap problem-counts">
            {(Object.keys(REASON_WORDS) as ProblemReason[]).map((r) => (
              <Text key={r} className="tag reason-tag" data-reason={r}>
                {REASON_WORDS[r]} {problems.counts[r]}
              </Text>
            ))}
          </View>
          {problems.items.length === 0 && <View className="empty">没有卡住的心愿</View>}
          {problems.items.map((w) => (
            <ListWish
              key={w.id}
              w={w}
              extra={
                <View>
                  <View className="text problem-reasons">{w.reasons.map((r) => REASON_WORDS[r]).join(' · ')}</View>
                  {w.topic && (
                    <Button
                      className="btn block open-topic"
                      onClick={() => Taro.navigateTo({ url: `/council/pages/topic/index?id=${encodeURIComponent(w.topic!.id)}` })}
                    >
                      议题:{w.topic.title}
                    </Button>
                  )}
                </View>
              }
            />
          ))}
        </View>
      )}
    </PageShell>
  );
}
