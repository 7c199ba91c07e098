import { Button, Input, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { PlaceNode } from '@shared/schemas/places';
import { Flat, MeUpdateBody, PersonName, Phone } from '@shared/schemas/users';
import { api } from '../../api/endpoints';
import { errorText } from '../../api/request';
import { session } from '../../api/session';
import { BuildingPicker } from '../../components/building-picker';
import { LoadError, PageShell } from '../../components/page-shell';

/**
 * A new resident says who and where they are: a name, the building (the same drill-down picker as the
 * wish form) and flat, and a phone number (WeChat's phone-number button in the mini-program, typed in
 * the browser). The grid worker of that grid then verifies them.
 */
export default function Onboard() {
  const user = session.user();
  const [tree, setTree] = useState<PlaceNode[]>([]);
  const [treeError, setTreeError] = useState('');
  const [name, setName] = useState(user?.onboarded ? user.name : '');
  const [buildingId, setBuildingId] = useState(user?.home?.buildingId ?? '');
  const [flat, setFlat] = useState(user?.home?.flat ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [phoneCode, setPhoneCode] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const loadTree = () => {
    setTreeError('');
    api.places().then(
      (r) => setTree(r.items),
      (e) => setTreeError(errorText(e, '加载失败')),
    );
  };
  useLoad(loadTree);

  const save = async () => {
    if (busy) return;
    const problems = [
      !PersonName.safeParse(name).success && '请填写您的姓名或称呼',
      !buildingId && '请选择您住的楼栋',
      !Flat.safeParse(flat).success && '请填写门牌号,例如 2单元302',
      !phoneCode && !Phone.safeParse(phone).success && '请填写11位手机号',
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length) return setErrors(problems);
    const body = MeUpdateBody.parse({ name, home: { buildingId, flat }, ...(phoneCode ? { phoneCode } : { phone }) });
    setBusy(true);
    setErrors([]);
    try {
      const me = await api.updateMe(body);
      session.updateUser(me);
      await Taro.switchTab({ url: '/pages/home/index' });
    } catch (e) {
      setErrors([errorText(e, '保存没有成功,请再试一次')]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <View className="title">欢迎加入邻里</View>
      <View className="muted">请告诉我们您是谁、住在哪里。网格员核实后,您的心愿会直接派给能帮忙的志愿者。</View>
      <View className="section">怎么称呼您?</View>
      <Input
        className="input profile-name"
        value={name}
        maxlength={40}
        placeholder="例如:王秀英"
        onInput={(e) => setName(e.detail.value)}
      />
      <View className="section">您住在哪里?</View>
      {treeError ? (
        <LoadError message={treeError} onRetry={loadTree} />
      ) : (
        <BuildingPicker tree={tree} value={buildingId} onChange={setBuildingId} />
      )}
      <Input
        className="input profile-flat"
        value={flat}
        maxlength={40}
        placeholder="门牌号,例如 2单元302"
        onInput={(e) => setFlat(e.detail.value)}
      />
      <View className="section">联系电话</View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button
          className="btn block profile-phone-button"
          openType="getPhoneNumber"
          onGetPhoneNumber={(e) => setPhoneCode(e.detail.code ?? '')}
        >
          {phoneCode ? '已获取微信绑定的手机号' : '使用微信绑定的手机号'}
        </Button>
      ) : (
        <Input
          className="input profile-phone"
          type="number"
          value={phone}
          maxlength={11}
          placeholder="11位手机号"
          onInput={(e) => setPhone(e.detail.value)}
        />
      )}
      {errors.map((e) => (
        <View key={e} className="error">
          {e}
        </View>
      ))}
      <Button className="btn primary block save-profile" disabled={busy || undefined} onClick={save}>
        {busy ? '正在保存…' : '保存'}
      </Button>
    </PageShell>
  );
}
