import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Application } from '@shared/schemas/teams';
import { api } from '../api/endpoints';
import { APPLICATION_LABEL, skillLabel } from './labels';
import { ListState, LoadMore } from './page-shell';
import { usePagedList } from './use-paged-list';
import { useRowAction } from './use-row-action';
import { hoursText } from './volunteer-fields';

/** A team's applications to join: approve, or decline with a reason. */
export function TeamApplications({ teamId, nested = false }: { teamId: string; nested?: boolean }) {
  const list = usePagedList((cursor) => api.teamApplications(teamId, cursor), teamId);
  // Opened inside a page already shown: no page-show event will load it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when opened inside a page
  useEffect(() => {
    if (nested) void list.reload();
  }, []);
  const rows = useRowAction<Application>();
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const decide = (a: Application, approve: boolean) => {
    const reason = (reasons[a.userId] ?? '').trim();
    if (!approve && reason.length < 2) return rows.say(a.id, '不通过时请写下原因');
    return rows.run(
      a.id,
      () => api.decide(teamId, a.userId, approve ? { approve, ...(reason.length >= 2 ? { reason } : {}) } : { approve, reason }),
      {
        failed: '没有成功,请再试一次',
      },
    );
  };

  return (
    <View className="applications">
      <View className="section">入队申请</View>
      {rows.error && <View className="error">{rows.error}</View>}
      <ListState loading={list.loading} error={list.error} empty={list.items.length === 0} emptyText="没有入队申请" onRetry={list.reload} />
      {list.items.map((listed) => {
        const a = rows.shown(listed.id, listed);
        return (
          <View key={a.id} className="card application" data-user-id={a.userId}>
            <View className="row">
              <Text className="card-title">{a.userName}</Text>
              <Text className={`tag application-${a.status}`}>{APPLICATION_LABEL[a.status]}</Text>
            </View>
            <View className="muted">技能:{a.skills.map(skillLabel).join('、')}</View>
            <View className="muted">空闲:{hoursText(a.hours)}</View>
            {a.note && <View className="muted">留言:{a.note}</View>}
            {a.reason && <View className="muted">原因:{a.reason}</View>}
            {a.status === 'pending' && (
              <View>
                <Textarea
                  className="textarea decline-reason"
                  value={reasons[a.userId] ?? ''}
                  maxlength={200}
                  placeholder="不通过的原因(不通过时必填)"
                  onInput={(e) => setReasons((r) => ({ ...r, [a.userId]: e.detail.value }))}
                />
                <View className="tabs">
                  <Button className="btn primary approve" disabled={rows.busy === a.id || undefined} onClick={() => void decide(a, true)}>
                    通过
                  </Button>
                  <Button className="btn decline" disabled={rows.busy === a.id || undefined} onClick={() => void decide(a, false)}>
                    不通过
                  </Button>
                </View>
              </View>
            )}
          </View>
        );
      })}
      <LoadMore list={list} />
    </View>
  );
}
