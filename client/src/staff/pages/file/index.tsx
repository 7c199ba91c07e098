import { Checkbox, Label, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { Resident } from '@shared/schemas/users';
import { api } from '../../../api/endpoints';
import { ApiError } from '../../../api/request';
import { ListState, PageShell } from '../../../components/page-shell';
import { WishForm } from '../../../components/wish-form';

/** 入户走访: a grid worker files a wish for a resident, with the resident's consent recorded. */
export default function FileForResident() {
  const [residents, setResidents] = useState<Resident[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [resident, setResident] = useState<Resident | null>(null);
  const [consent, setConsent] = useState(false);

  useLoad(() => {
    api.residents().then(
      (p) => setResidents(p.items),
      (e) => setError(e instanceof ApiError ? e.message : '加载失败'),
    ).finally(() => setLoading(false));
  });

  if (!resident) {
    return (
      <PageShell>
        <View className='title'>为哪位居民提交?</View>
        <ListState loading={loading} error={error} empty={residents.length === 0} emptyText='您的网格里还没有登记居民' />
        {residents.map((r) => (
          <View key={r.id} className='choice resident-choice' data-resident-id={r.id} onClick={() => setResident(r)}>
            {r.name} · {r.buildingName} {r.flat}
          </View>
        ))}
      </PageShell>
    );
  }
  return (
    <PageShell>
      <View className='title'>为{resident.name}提交心愿</View>
      <Label className='card row check-row text consent'>
        <Checkbox value='consent' checked={consent} onClick={() => setConsent(!consent)} />
        {resident.name}已当面同意由我代为提交
      </Label>
      <WishForm
        onBehalfOf={resident.id}
        consent={consent}
        defaultBuildingId={resident.buildingId}
        onCreated={(d) => Taro.redirectTo({ url: `/pages/wish/index?id=${d.wish.id}&created=1` })}
      />
    </PageShell>
  );
}
