import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { PlaceNode } from '@shared/schemas/places';
import { TeamBody, type Team } from '@shared/schemas/teams';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { SkillPicker } from '../../../components/volunteer-fields';
import { skillLabel, TEAM_KIND_LABEL } from '../../../components/labels';
import { TeamApplications } from '../../../components/team-applications';
import { ListState, LoadError, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';

const gridsIn = (tree: PlaceNode[], communityId: string): PlaceNode[] => {
  for (const n of tree) {
    if (n.id === communityId) return n.children.filter((c) => c.kind === 'grid');
    const below = gridsIn(n.children, communityId);
    if (below.length) return below;
  }
  return [];
};

/** Staff manage a team: skills, the grids it serves, its lead, the caps on open claims. */
function TeamEditor({
  team,
  grids,
  onSaved,
  onCancel,
}: {
  team: Team;
  grids: PlaceNode[];
  onSaved: (t: Team) => void;
  onCancel: () => void;
}) {
  const [skills, setSkills] = useState(team.skills);
  const [gridIds, setGridIds] = useState(team.gridIds);
  const [leadId, setLeadId] = useState(team.members.find((m) => m.role === 'lead')?.userId ?? null);
  const [teamCap, setTeamCap] = useState(String(team.teamCap));
  const [memberCap, setMemberCap] = useState(String(team.memberCap));
  const act = useRowAction();
  const busy = !!act.busy;

  const save = () => {
    const parsed = TeamBody.safeParse({
      name: team.name,
      kind: team.kind,
      skills,
      gridIds,
      leadId,
      teamCap: Number(teamCap),
      memberCap: Number(memberCap),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      return act.say(
        team.id,
        field === 'skills'
          ? '请至少选一项技能'
          : field === 'teamCap'
            ? '队伍在办上限请填1到500'
            : field === 'memberCap'
              ? '每人在办上限请填1到20'
              : '请检查填写的内容',
      );
    }
    return act.run(team.id, async () => onSaved(await api.updateTeam(team.id, parsed.data)), { failed: '保存没有成功,请再试一次' });
  };

  return (
    <View className="team-editor">
      <View className="section">技能</View>
      <SkillPicker value={skills} onChange={setSkills} />
      <View className="section">服务的网格(不选:全社区)</View>
      <View className="wrap">
        {grids.map((g) => (
          <Button
            key={g.id}
            className={`btn chip grid-choice ${gridIds.includes(g.id) ? 'selected' : ''}`}
            onClick={() => setGridIds(gridIds.includes(g.id) ? gridIds.filter((x) => x !== g.id) : [...gridIds, g.id])}
          >
            {g.name}
          </Button>
        ))}
      </View>
      <View className="section">队长</View>
      <View className="wrap">
        {team.members.map((m) => (
          <Button
            key={m.userId}
            className={`btn chip lead-choice ${leadId === m.userId ? 'selected' : ''}`}
            onClick={() => setLeadId(m.userId)}
          >
            {m.name}
          </Button>
        ))}
      </View>
      <View className="section">同时在办的上限</View>
      <View className="muted">整支队伍(件)</View>
      <Input className="input cap-input team-cap" type="number" value={teamCap} onInput={(e) => setTeamCap(e.detail.value)} />
      <View className="muted">每位队员(件)</View>
      <Input className="input cap-input member-cap" type="number" value={memberCap} onInput={(e) => setMemberCap(e.detail.value)} />
      {act.error && <View className="error">{act.error}</View>}
      <Button className="btn primary block save-team" disabled={busy || undefined} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存'}
      </Button>
      <Button className="btn block" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

/**
 * The members of a team, each with 移出 (after a confirmation): the member leaves the team, and what they had
 * claimed of its wishes goes back to the team for someone else to take.
 */
function TeamMembers({ team, onChanged }: { team: Team; onChanged: (t: Team) => void }) {
  const act = useRowAction();
  const remove = async (userId: string, name: string) => {
    if (act.busy) return;
    const sure = await Taro.showModal({
      title: '移出队伍',
      content: `确定将${name}移出${team.name}吗?他认领未完成的心愿会退回队伍,由其他队员认领。`,
      confirmText: '确定移出',
      cancelText: '不移出',
    });
    if (!sure.confirm) return;
    await act.run(userId, async () => onChanged(await api.removeMember(team.id, userId)), {
      failed: '没有成功,请再试一次',
      done: `已将${name}移出`,
    });
  };
  return (
    <View className="team-members">
      <View className="section">队员</View>
      {act.message && <View className={act.message.ok ? 'success' : 'error'}>{act.message.text}</View>}
      {team.members.length === 0 && <View className="muted">还没有队员</View>}
      {team.members.map((m) => (
        <View key={m.userId} className="row team-member" data-user-id={m.userId}>
          <Text className="text">
            {m.name}
            {m.role === 'lead' ? '(队长)' : ''}
          </Text>
          <Button className="btn remove-member" disabled={act.busy === m.userId || undefined} onClick={() => void remove(m.userId, m.name)}>
            移出
          </Button>
        </View>
      ))}
    </View>
  );
}

/** 队伍管理: the teams of the staff member's community with their caps, grids, lead and skills, and who asked to join. */
export default function Teams() {
  const list = usePagedList((cursor) => api.teams(cursor));
  const [tree, setTree] = useState<PlaceNode[]>([]);
  const [treeError, setTreeError] = useState('');
  const rows = useRowAction<Team>();
  const [editing, setEditing] = useState('');
  const [showing, setShowing] = useState('');
  const [membersOf, setMembersOf] = useState('');
  const loadTree = () => {
    setTreeError('');
    api.places().then(
      (r) => setTree(r.items),
      (e) => setTreeError(errorText(e, '网格加载失败')),
    );
  };
  useEffect(loadTree, []);
  const gridName = (id: string) => {
    const find = (nodes: PlaceNode[]): string | undefined => nodes.map((n) => (n.id === id ? n.name : find(n.children))).find(Boolean);
    return find(tree) ?? id;
  };

  return (
    <PageShell>
      <View className="title">队伍管理</View>
      {treeError && <LoadError message={treeError} onRetry={loadTree} />}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="社区还没有队伍"
        onRetry={list.reload}
      />
      {list.items.map((listed) => {
        const t = rows.shown(listed.id, listed);
        const lead = t.members.find((m) => m.role === 'lead');
        return (
          <View key={t.id} className="card team-card" data-team-id={t.id}>
            <View className="row">
              <Text className="card-title">{t.name}</Text>
              <Text className="tag">{TEAM_KIND_LABEL[t.kind]}</Text>
            </View>
            <View className="muted">技能:{t.skills.map(skillLabel).join('、')}</View>
            <View className="muted team-grids">服务:{t.gridIds.length ? t.gridIds.map(gridName).join('、') : '全社区'}</View>
            <View className="muted">
              队长:{lead?.name ?? '未设'} · 队员{t.members.length}人
              {t.members.some((m) => m.paused) ? `(${t.members.filter((m) => m.paused).length}人暂停)` : ''}
            </View>
            <View className="muted team-caps">
              在办上限:整队{t.teamCap}件,每人{t.memberCap}件
            </View>
            {editing === t.id ? (
              <TeamEditor
                team={t}
                grids={gridsIn(tree, t.communityId)}
                onSaved={(next) => {
                  rows.keep(t.id, next);
                  setEditing('');
                }}
                onCancel={() => setEditing('')}
              />
            ) : (
              <Button className="btn block edit-team" onClick={() => setEditing(t.id)}>
                修改
              </Button>
            )}
            <Button className="btn block show-members" onClick={() => setMembersOf(membersOf === t.id ? '' : t.id)}>
              {membersOf === t.id ? '收起队员' : '队员'}
            </Button>
            {membersOf === t.id && <TeamMembers team={t} onChanged={(next) => rows.keep(t.id, next)} />}
            <Button className="btn block show-applications" onClick={() => setShowing(showing === t.id ? '' : t.id)}>
              {showing === t.id ? '收起入队申请' : '查看入队申请'}
            </Button>
            {showing === t.id && <TeamApplications teamId={t.id} nested />}
          </View>
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}
