import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PlaceNode } from '@shared/schemas/places';
import { PartnershipOfferBody, type Partnership, type Team } from '@shared/schemas/teams';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { session } from '../../../api/session';
import { PARTNERSHIP_LABEL, skillLabel } from '../../../components/labels';
import { ListState, LoadError, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';

const flatten = (nodes: PlaceNode[]): PlaceNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const toggled = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

/** A team of our community offered, with some of its skills, to grids of another community. */
function OfferForm({ places, onOffered }: { places: PlaceNode[]; onOffered: () => void }) {
  const user = session.user();
  const mine = new Set(user?.staffCommunityIds ?? []);
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamsError, setTeamsError] = useState('');
  const [teamId, setTeamId] = useState('');
  const [toCommunityId, setTo] = useState('');
  const [gridIds, setGridIds] = useState<string[]>([]);
  const [skills, setSkills] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const loadTeams = () => {
    setTeamsError('');
    api.teams().then(
      (r) => setTeams(r.items.filter((t) => mine.has(t.communityId))),
      (e) => setTeamsError(errorText(e, '队伍加载失败')),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens
  useEffect(loadTeams, []);
  const team = teams.find((t) => t.id === teamId);
  const others = places.filter((p) => p.kind === 'community' && !mine.has(p.id));
  const grids = places.find((p) => p.id === toCommunityId)?.children.filter((g) => g.kind === 'grid') ?? [];

  const send = async () => {
    if (busy) return;
    const parsed = PartnershipOfferBody.safeParse({ teamId, toCommunityId, gridIds, skills });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      return setError(
        (
          { teamId: '请选择队伍', toCommunityId: '请选择协作的社区', gridIds: '请选择对方的网格', skills: '请选择提供的技能' } as Record<
            string,
            string
          >
        )[field] ?? '请检查填写的内容',
      );
    }
    setBusy(true);
    setError('');
    try {
      await api.offerPartnership(parsed.data);
      setTeamId('');
      setGridIds([]);
      setSkills([]);
      onOffered();
    } catch (e) {
      setError(errorText(e, '没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card offer-form">
      <View className="card-title">把我们的队伍提供给邻近社区</View>
      {teamsError && <LoadError message={teamsError} onRetry={loadTeams} />}
      <View className="section">哪支队伍</View>
      <View className="wrap">
        {teams.map((t) => (
          <Button
            key={t.id}
            className={`btn chip offer-team ${teamId === t.id ? 'selected' : ''}`}
            onClick={() => {
              setTeamId(t.id);
              setSkills([]);
            }}
          >
            {t.name}
          </Button>
        ))}
      </View>
      {team && (
        <View>
          <View className="section">提供哪些技能</View>
          <View className="wrap">
            {team.skills.map((s) => (
              <Button
                key={s}
                className={`btn chip offer-skill ${skills.includes(s) ? 'selected' : ''}`}
                onClick={() => setSkills(toggled(skills, s))}
              >
                {skillLabel(s)}
              </Button>
            ))}
          </View>
        </View>
      )}
      <View className="section">给哪个社区</View>
      <View className="wrap">
        {others.map((c) => (
          <Button
            key={c.id}
            className={`btn chip offer-community ${toCommunityId === c.id ? 'selected' : ''}`}
            onClick={() => {
              setTo(c.id);
              setGridIds([]);
            }}
          >
            {c.name}
          </Button>
        ))}
      </View>
      {grids.length > 0 && (
        <View>
          <View className="section">对方的哪些网格</View>
          <View className="wrap">
            {grids.map((g) => (
              <Button
                key={g.id}
                className={`btn chip offer-grid ${gridIds.includes(g.id) ? 'selected' : ''}`}
                onClick={() => setGridIds(toggled(gridIds, g.id))}
              >
                {g.name}
              </Button>
            ))}
          </View>
        </View>
      )}
      {error && <View className="error">{error}</View>}
      <Button className="btn primary block send-offer" disabled={busy || undefined} onClick={() => void send()}>
        {busy ? '正在提交…' : '发出协作邀请'}
      </Button>
    </View>
  );
}

/**
 * 协作社区 (融合网格): agreements by which a team of one community serves grids of another. The receiving
 * community's staff accept an offer; either side ends it.
 */
export default function Partners() {
  const user = session.user();
  const list = usePagedList((cursor) => api.partnerships(cursor));
  const [places, setPlaces] = useState<PlaceNode[]>([]);
  const [placesError, setPlacesError] = useState('');
  const rows = useRowAction<Partnership>();
  const [offering, setOffering] = useState(false);
  const loadPlaces = () => {
    setPlacesError('');
    api.places().then(
      (r) => setPlaces(flatten(r.items)),
      (e) => setPlacesError(errorText(e, '社区加载失败')),
    );
  };
  useEffect(loadPlaces, []);
  const name = (id: string) => places.find((p) => p.id === id)?.name ?? id;

  const decide = (p: Partnership, change: 'accept' | 'end') =>
    rows.run(p.id, () => api.decidePartnership(p.id, change), { failed: '没有成功,请再试一次' });

  return (
    <PageShell>
      <View className="title">协作社区</View>
      <View className="muted">邻近社区的队伍可以为我们的网格服务(融合网格);派单时会推荐它们。</View>
      {placesError && <LoadError message={placesError} onRetry={loadPlaces} />}
      {rows.error && <View className="error">{rows.error}</View>}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="还没有协作约定"
        onRetry={list.reload}
      />
      {list.items.map((listed) => {
        const p = rows.shown(listed.id, listed);
        const receiving = !!user?.staffCommunityIds.includes(p.toCommunityId);
        return (
          <View key={p.id} className="card partnership" data-partnership-id={p.id}>
            <View className="row">
              <Text className="card-title">{p.teamName}</Text>
              <Text className={`tag partnership-${p.status} ${p.status === 'accepted' ? 'status-confirmed' : ''}`}>
                {PARTNERSHIP_LABEL[p.status]}
              </Text>
            </View>
            <View className="muted">
              {name(p.fromCommunityId)} → {name(p.toCommunityId)}:{p.gridIds.map(name).join('、')}
            </View>
            <View className="muted">技能:{p.skills.map(skillLabel).join('、')}</View>
            <View className="muted">
              {p.offeredBy.name}发起{p.acceptedBy ? `,${p.acceptedBy.name}接受` : ''}
            </View>
            {p.status === 'offered' && receiving && (
              <Button
                className="btn primary block accept-partnership"
                disabled={rows.busy === p.id || undefined}
                onClick={() => void decide(p, 'accept')}
              >
                接受
              </Button>
            )}
            {p.status !== 'ended' && (
              <Button
                className="btn block end-partnership"
                disabled={rows.busy === p.id || undefined}
                onClick={() => void decide(p, 'end')}
              >
                结束协作
              </Button>
            )}
          </View>
        );
      })}
      <LoadMore list={list} />
      {offering ? (
        <OfferForm
          places={places}
          onOffered={() => {
            setOffering(false);
            void list.reload();
          }}
        />
      ) : (
        <Button className="btn block new-offer" onClick={() => setOffering(true)}>
          提供我们的队伍给邻近社区
        </Button>
      )}
    </PageShell>
  );
}
