import { Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Candidate } from '@shared/schemas/queue';
import { api } from '../api/endpoints';
import { errorText } from '../api/request';
import { TEAM_KIND_LABEL } from './labels';
import { LoadError } from './page-shell';

export interface RouteChoice {
  teamId: string;
  /** Needed when the team is not the one routing ranks first: staff say why (an override). */
  reason: string;
  overriding: boolean;
}

/**
 * The teams that could take a wish, ranked by routing with its reasons in words; staff pick one, and say
 * why when it is not the first.
 */
export function RoutePicker({
  wishId,
  value,
  onChange,
}: {
  wishId: string;
  value: RouteChoice | null;
  onChange: (choice: RouteChoice | null) => void;
}) {
  const [items, setItems] = useState<Candidate[]>([]);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.candidates(wishId).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e, '队伍加载失败')),
    );
  };
  useEffect(load, [wishId]);
  const top = items[0];
  const pick = (c: Candidate) => onChange({ teamId: c.teamId, reason: value?.reason ?? '', overriding: c.teamId !== top?.teamId });

  return (
    <View className="route-picker">
      <View className="section">派给哪支队伍?(按推荐排序)</View>
      {error && <LoadError message={error} onRetry={load} />}
      {!error && items.length === 0 && <View className="muted">这个网格没有能做这件事的队伍</View>}
      {items.map((c, i) => (
        <View
          key={c.teamId}
          className={`choice team-choice ${value?.teamId === c.teamId ? 'selected' : ''}`}
          data-team-id={c.teamId}
          onClick={() => pick(c)}
        >
          <View>
            <View className="text">
              {i === 0 ? '推荐:' : ''}
              {c.teamName}({TEAM_KIND_LABEL[c.kind]})
            </View>
            <View className="muted">{c.reasons.join(';')}</View>
          </View>
        </View>
      ))}
      {value?.overriding && (
        <Textarea
          className="textarea override-reason"
          value={value.reason}
          maxlength={500}
          placeholder={`没有派给推荐的${top?.teamName ?? ''},请写下原因`}
          onInput={(e) => onChange({ ...value, reason: e.detail.value })}
        />
      )}
    </View>
  );
}
