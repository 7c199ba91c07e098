import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Wish } from '@shared/schemas/wishes';
import { api } from '../api/endpoints';
import { errorText } from '../api/request';
import { ago } from './labels';
import { LoadError } from './page-shell';

/** The other open wishes of the same category in the same grid, to merge a duplicate into ("me too"). */
export function MergePicker({ wish, value, onChange }: { wish: Wish; value: string; onChange: (id: string) => void }) {
  const [others, setOthers] = useState<Wish[]>([]);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.triage({ category: wish.category, gridId: wish.gridId }).then(
      (p) => setOthers(p.items.filter((w) => w.id !== wish.id)),
      (e) => setError(errorText(e, '可合并的心愿加载失败')),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: again only for another wish
  useEffect(load, [wish.id]);
  if (error) return <LoadError message={error} onRetry={load} />;
  if (!others.length) return null;
  return (
    <View className="merge-picker">
      <View className="section">是重复的心愿?合并到:</View>
      {others.slice(0, 5).map((w) => (
        <View
          key={w.id}
          className={`choice merge-choice ${value === w.id ? 'selected' : ''}`}
          onClick={() => onChange(value === w.id ? '' : w.id)}
        >
          {w.buildingName} · {w.description.slice(0, 16)} · {ago(w.createdAt)}
        </View>
      ))}
    </View>
  );
}
