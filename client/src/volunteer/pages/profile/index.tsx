import { Button, Label, Switch, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { FreeHours } from '@shared/schemas/teams';
import type { Me } from '@shared/schemas/users';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { session } from '../../../api/session';
import { LoadError, PageShell } from '../../../components/page-shell';
import { HoursPicker, SkillPicker } from '../../../components/volunteer-fields';

/**
 * A volunteer's own skills, usual free hours and pause (on holiday, ill): routing passes a paused volunteer over.
 * And whether the community's wall (心愿墙) shows their name on the wishes they claim from now on (张** otherwise).
 */
export default function VolunteerProfile() {
  const [me, setMe] = useState<Me | null>(null);
  const [skills, setSkills] = useState<string[]>([]);
  const [hours, setHours] = useState<FreeHours>({ workday: [], restday: [] });
  const [loadError, setLoadError] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const show = (m: Me) => {
    setMe(m);
    setSkills(m.skills);
    setHours(m.hours);
    session.updateUser(m);
  };
  const load = () => {
    setLoadError('');
    api.me().then(show, (e) => setLoadError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);

  const save = async (body: Parameters<typeof api.updateVolunteer>[0], done: string) => {
    if (busy) return;
    setBusy(true);
    setError('');
    setNotice('');
    try {
      show(await api.updateVolunteer(body));
      setNotice(done);
    } catch (e) {
      setError(errorText(e, '保存没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  if (!me)
    return <PageShell>{loadError ? <LoadError message={loadError} onRetry={load} /> : <View className="empty">正在加载…</View>}</PageShell>;
  return (
    <PageShell>
      <View className="title">我的志愿者资料</View>
      {notice && <View className="success profile-notice">{notice}</View>}
      {/* The whole row is the switch's label: a 60 px target in elder mode. */}
      <Label className="card row check-row pause-switch">
        <View className="text">{me.paused ? '暂停接单中(不会给您派任务)' : '正常接单'}</View>
        <Switch
          checked={me.paused}
          color="#9f2f24"
          disabled={busy || undefined}
          onChange={(e) => void save({ paused: e.detail.value }, e.detail.value ? '已暂停接单,回来后记得恢复' : '已恢复接单')}
        />
      </Label>
      <Label className="card row check-row wall-name-switch">
        <View className="text">
          在心愿墙上显示我的名字
          <View className="muted">{me.showNameOnWall ? '此后认领的心愿,心愿墙上显示您的名字' : '心愿墙上只显示您的姓(如“张**”)'}</View>
        </View>
        <Switch
          checked={me.showNameOnWall}
          color="#9f2f24"
          disabled={busy || undefined}
          onChange={(e) =>
            void save(
              { showNameOnWall: e.detail.value },
              e.detail.value ? '好的,此后认领的心愿会在心愿墙上显示您的名字' : '此后认领的心愿,心愿墙上不再显示您的名字',
            )
          }
        />
      </Label>
      <View className="section">我会做什么</View>
      <SkillPicker value={skills} onChange={setSkills} />
      <View className="section">我通常什么时候有空</View>
      <HoursPicker value={hours} onChange={setHours} />
      {error && <View className="error">{error}</View>}
      <Button
        className="btn primary block save-volunteer"
        disabled={busy || undefined}
        onClick={() => (skills.length ? void save({ skills, hours }, '已保存') : setError('请至少选一项技能'))}
      >
        {busy ? '正在保存…' : '保存'}
      </Button>
    </PageShell>
  );
}
