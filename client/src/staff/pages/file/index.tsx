import { Checkbox, Label, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Resident } from '@shared/schemas/users';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { WishForm } from '../../../components/wish-form';

/** 入户走访: a grid worker files a wish for a resident, with the resident's consent recorded. */
export default function FileForResident() {
  const residents = usePagedList(api.residents);
  const [resident, setResident] = useState<Resident | null>(null);
  const [consent, setConsent] = useState(false);

  if (!resident) {
    return (
      <PageShell>
        <View className="title">为哪位居民提交?</View>
        <ListState
          loading={residents.loading}
          error={residents.error}
          empty={residents.items.length === 0}
          emptyText="您的网格里还没有登记居民"
          onRetry={residents.reload}
        />
        {residents.items.map((r) => (
          <View key={r.id} className="choice resident-choice" data-resident-id={r.id} onClick={() => setResident(r)}>
            {r.name} · {r.buildingName} {r.flat}
            {r.verified ? '' : '(待核实)'}
          </View>
        ))}
        <LoadMore list={residents} />
      </PageShell>
    );
  }
  return (
    <PageShell>
      <View className="title">为{resident.name}提交心愿</View>
      <Label className="card row check-row text consent">
        <Checkbox value="consent" checked={consent} onClick={() => setConsent(!consent)} />
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
