import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { CategoryBody, SkillOverrideBody, type CategoryView } from '@shared/schemas/places';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { skillLabel } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { useRowAction } from '../../../components/use-row-action';

const needs = (skill: string | null) => (skill ? `需要:${skillLabel(skill)}` : '人工分派');

/**
 * One category and the skill a team needs for it; empty: a person triages it. Staff edit their community's own
 * choice (`communityId`), over the operator's default, and may go back to the default; the operator edits the
 * default every community follows unless it chose its own.
 */
function CategoryRow({
  category,
  communityId,
  onSaved,
}: {
  category: CategoryView;
  communityId: string | null;
  onSaved: (c: CategoryView) => void;
}) {
  const [skill, setSkill] = useState(category.skill ?? '');
  const [saved, setSaved] = useState('');
  const act = useRowAction();
  const busy = !!act.busy;
  const changed = skill.trim() !== (category.skill ?? '');

  const done = (next: CategoryView, said: string) => {
    onSaved(next);
    setSkill(next.skill ?? '');
    setSaved(said);
  };
  const save = () => {
    const value = skill.trim() || null;
    if (communityId) {
      const parsed = SkillOverrideBody.safeParse({ skill: value });
      if (!parsed.success) return act.say(category.id, '技能名称最多40个字');
      return act.run(
        category.id,
        async () => done(await api.setCommunitySkill(communityId, category.id, parsed.data), '已保存,本社区的新心愿按此派单'),
        {
          failed: '保存没有成功,请再试一次',
        },
      );
    }
    const parsed = CategoryBody.safeParse({ name: category.name, skill: value });
    if (!parsed.success) return act.say(category.id, '技能名称最多40个字');
    return act.run(
      category.id,
      async () => done(await api.updateCategory(category.id, parsed.data), '已保存为默认,未单独设置的社区都按此派单'),
      {
        failed: '保存没有成功,请再试一次',
      },
    );
  };
  const backToDefault = () =>
    communityId &&
    act.run(category.id, async () => done(await api.clearCommunitySkill(communityId, category.id), '已恢复为默认'), {
      failed: '没有成功,请再试一次',
    });

  return (
    <View className="card category-row" data-category={category.id}>
      <View className="row">
        <Text className="card-title">{category.name}</Text>
        <Text className="tag">{needs(category.skill)}</Text>
      </View>
      {communityId && (
        <View className="muted category-source">
          {category.overridden ? `本社区单独设置;默认为${needs(category.defaultSkill)}` : '按默认设置'}
        </View>
      )}
      <Input
        className="input skill-of-category"
        value={skill}
        maxlength={40}
        placeholder="需要的技能,留空则由网格员人工分派"
        onInput={(e) => {
          setSkill(e.detail.value);
          setSaved('');
        }}
      />
      {act.error && <View className="error">{act.error}</View>}
      {saved && !changed && <View className="muted saved">{saved}</View>}
      {changed && (
        <Button className="btn primary block save-category" disabled={busy || undefined} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存'}
        </Button>
      )}
      {communityId && category.overridden && !changed && (
        <Button className="btn block default-category" disabled={busy || undefined} onClick={() => void backToDefault()}>
          恢复默认
        </Button>
      )}
    </View>
  );
}

/**
 * 技能表: which skill each category needs; routing reads it for every new wish. Community staff keep their own
 * community's choices over the default; the operator keeps the default; others read it.
 */
export default function Skills() {
  const user = session.user();
  const admin = hasRole(user, 'admin');
  const staff = hasRole(user, 'staff');
  const [items, setItems] = useState<CategoryView[] | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.categories().then(
      (r) => {
        setItems(r.items);
        setCommunityId(r.communityId);
      },
      (e) => setError(errorText(e, '加载失败,请重试')),
    );
  };
  useDidShow(load);
  // Staff edit their own community's; the operator the default (the table they are shown has no community).
  const editing = staff && communityId && user?.staffCommunityIds.includes(communityId) ? communityId : null;
  const editable = !!editing || (admin && communityId === null);

  return (
    <PageShell>
      <View className="title">技能表</View>
      <View className="muted">
        每类心愿需要什么技能:有这项技能的队伍会被推荐派单。技能用队伍登记的写法(例如 electrician 或“理发”)。
        {editing ? '这里改的只对本社区生效,其他社区不受影响。' : admin ? '这里改的是默认设置,未单独设置的社区都按此派单。' : ''}
      </View>
      {error && <LoadError message={error} onRetry={load} />}
      {!items && !error && <View className="empty">正在加载…</View>}
      {items?.map((c) =>
        editable ? (
          <CategoryRow
            key={c.id}
            category={c}
            communityId={editing}
            onSaved={(next) => setItems((all) => all?.map((x) => (x.id === next.id ? next : x)) ?? null)}
          />
        ) : (
          <View key={c.id} className="card category-row" data-category={c.id}>
            <View className="row">
              <Text className="card-title">{c.name}</Text>
              <Text className="tag">{needs(c.skill)}</Text>
            </View>
          </View>
        ),
      )}
    </PageShell>
  );
}
