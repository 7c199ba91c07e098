import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { CategoryBody, type Category } from '@shared/schemas/places';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { skillLabel } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { useRowAction } from '../../../components/use-row-action';

/** One category and the skill a team needs for it; empty: a person triages it. */
function CategoryRow({ category, onSaved }: { category: Category; onSaved: (c: Category) => void }) {
  const [skill, setSkill] = useState(category.skill ?? '');
  const [saved, setSaved] = useState(false);
  const act = useRowAction();
  const busy = !!act.busy;
  const changed = skill.trim() !== (category.skill ?? '');

  const save = () => {
    const parsed = CategoryBody.safeParse({ name: category.name, skill: skill.trim() || null });
    if (!parsed.success) return act.say(category.id, '技能名称最多40个字');
    return act.run(
      category.id,
      async () => {
        onSaved(await api.updateCategory(category.id, parsed.data));
        setSaved(true);
      },
      { failed: '保存没有成功,请再试一次' },
    );
  };

  return (
    <View className="card category-row" data-category={category.id}>
      <View className="row">
        <Text className="card-title">{category.name}</Text>
        <Text className="tag">{category.skill ? `需要:${skillLabel(category.skill)}` : '人工分派'}</Text>
      </View>
      <Input
        className="input skill-of-category"
        value={skill}
        maxlength={40}
        placeholder="需要的技能,留空则由网格员人工分派"
        onInput={(e) => {
          setSkill(e.detail.value);
          setSaved(false);
        }}
      />
      {act.error && <View className="error">{act.error}</View>}
      {saved && !changed && <View className="muted saved">已保存</View>}
      {changed && (
        <Button className="btn primary block save-category" disabled={busy || undefined} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存'}
        </Button>
      )}
    </View>
  );
}

/** 技能表: which skill each category needs, as data staff edit; routing reads it for every new wish. */
export default function Skills() {
  const [items, setItems] = useState<Category[] | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.categories().then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e, '加载失败,请重试')),
    );
  };
  useDidShow(load);

  return (
    <PageShell>
      <View className="title">技能表</View>
      <View className="muted">每类心愿需要什么技能:有这项技能的队伍会被推荐派单。技能用队伍登记的写法(例如 electrician 或“理发”)。</View>
      {error && <LoadError message={error} onRetry={load} />}
      {!items && !error && <View className="empty">正在加载…</View>}
      {items?.map((c) => (
        <CategoryRow
          key={c.id}
          category={c}
          onSaved={(next) => setItems((all) => all?.map((x) => (x.id === next.id ? next : x)) ?? null)}
        />
      ))}
    </PageShell>
  );
}
