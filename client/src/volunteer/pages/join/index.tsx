import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApplicationBody, type FreeHours, type TeamSummary } from '@shared/schemas/teams';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { APPLICATION_LABEL, formatTime, skillLabel, TEAM_KIND_LABEL } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { HoursPicker, hoursText, SkillPicker } from '../../../components/volunteer-fields';

/**
 * 加入志愿队伍: the teams of one's community, an application with one's skills and usual free hours, and
 * one's applications with their status (and the reason of a decline).
 */
export default function Join() {
  const user = session.user();
  const resident = hasRole(user, 'resident');
  const teams = usePagedList((cursor) => api.teamDirectory(cursor));
  const mine = usePagedList((cursor) => api.myApplications(cursor));
  const [applying, setApplying] = useState<TeamSummary | null>(null);
  const [skills, setSkills] = useState<string[]>(user?.skills ?? []);
  const [hours, setHours] = useState<FreeHours>(user?.hours ?? { workday: [], restday: [] });
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const open = (team: TeamSummary) => {
    setApplying(team);
    setError('');
    setNotice('');
  };

  const send = async () => {
    if (!applying || busy) return;
    const parsed = ApplicationBody.safeParse({ skills, hours, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!parsed.success) return setError(skills.length ? '请检查填写的内容' : '请至少选一项技能');
    setBusy(true);
    setError('');
    try {
      await api.apply(applying.id, parsed.data);
      setNotice(`已向${applying.name}提交申请,请等待队长或社区审核`);
      setApplying(null);
      setNote('');
      void mine.reload();
    } catch (e) {
      setError(errorText(e, '申请没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  const member = new Set(user?.teamIds ?? []);
  return (
    <PageShell>
      <View className="title">加入志愿队伍</View>
      {notice && <View className="success apply-notice">{notice}</View>}
      {!resident && <View className="notice">登记了住址的居民才能申请加入队伍。</View>}

      <View className="section">我的申请</View>
      <ListState loading={mine.loading} error={mine.error} empty={mine.items.length === 0} emptyText="还没有申请过" onRetry={mine.reload} />
      {mine.items.map((a) => (
        <View key={a.id} className="card application-row" data-team-id={a.teamId}>
          <View className="row">
            <Text className="card-title">{a.teamName}</Text>
            <Text
              className={`tag application-${a.status} ${a.status === 'approved' ? 'status-confirmed' : a.status === 'declined' ? 'unverified' : ''}`}
            >
              {APPLICATION_LABEL[a.status]}
            </Text>
          </View>
          <View className="muted">技能:{a.skills.map(skillLabel).join('、')}</View>
          <View className="muted">空闲:{hoursText(a.hours)}</View>
          {a.reason && (
            <View className="muted application-reason">
              {a.status === 'declined' ? '未通过原因' : '说明'}:{a.reason}
            </View>
          )}
          <View className="muted">{formatTime(a.createdAt)}申请</View>
        </View>
      ))}
      <LoadMore list={mine} />

      <View className="section">社区的志愿队伍</View>
      <ListState
        loading={teams.loading}
        error={teams.error}
        empty={teams.items.length === 0}
        emptyText="社区还没有志愿队伍"
        onRetry={teams.reload}
      />
      {teams.items.map((t) => (
        <View key={t.id} className="card team-row" data-team-id={t.id}>
          <View className="row">
            <Text className="card-title">{t.name}</Text>
            <Text className="tag">{TEAM_KIND_LABEL[t.kind]}</Text>
          </View>
          <View className="muted">
            技能:{t.skills.map(skillLabel).join('、')} · {t.members}名队员
          </View>
          {member.has(t.id) ? (
            <View>
              <View className="muted">您已是队员</View>
              <Button
                className="btn block team-applications"
                onClick={() => void Taro.navigateTo({ url: `/volunteer/pages/team/index?id=${t.id}&name=${encodeURIComponent(t.name)}` })}
              >
                入队申请(队长审核)
              </Button>
            </View>
          ) : (
            resident &&
            applying?.id !== t.id && (
              <Button className="btn block apply" onClick={() => open(t)}>
                申请加入
              </Button>
            )
          )}
          {applying?.id === t.id && (
            <View className="apply-form">
              <View className="section">我会做什么</View>
              <SkillPicker value={skills} onChange={setSkills} offered={t.skills} />
              <View className="section">我通常什么时候有空</View>
              <HoursPicker value={hours} onChange={setHours} />
              <Textarea
                className="textarea apply-note"
                value={note}
                maxlength={200}
                placeholder="想对队长说的话(选填)"
                onInput={(e) => setNote(e.detail.value)}
              />
              {error && <View className="error">{error}</View>}
              <Button className="btn primary block send-application" disabled={busy || undefined} onClick={() => void send()}>
                {busy ? '正在提交…' : '提交申请'}
              </Button>
              <Button className="btn block" onClick={() => setApplying(null)}>
                取消
              </Button>
            </View>
          )}
        </View>
      ))}
      <LoadMore list={teams} />
    </PageShell>
  );
}
