import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Resident } from '@shared/schemas/users';
import { api } from '../../../api/endpoints';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';

/** The services, opened for booking on this resident's behalf (代预约). */
const serviceListFor = (r: Resident) =>
  `/booking/pages/services/index?for=${encodeURIComponent(r.id)}&forName=${encodeURIComponent(r.name)}`;

/**
 * The residents of a grid worker's grids (a staff member's community): newcomers still to verify first.
 * Verifying says "I know this person lives here", so their wishes go straight to the volunteers.
 */
export default function Residents() {
  const list = usePagedList(api.residents);
  const rows = useRowAction<Resident>();
  const verify = (id: string) => rows.run(id, () => api.verifyResident(id), { failed: '核实没有成功,请再试一次' });

  return (
    <PageShell>
      <View className="title">居民核实</View>
      <View className="muted">新注册的居民排在最前。入户或电话确认身份和住址后点“核实”。</View>
      {rows.error && <View className="error">{rows.error}</View>}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="您的网格里还没有登记居民"
        onRetry={list.reload}
      />
      {list.items.map((listed) => {
        const r = rows.shown(listed.id, listed);
        return (
          <View key={r.id} className="card resident-row" data-resident-id={r.id}>
            <View className="row">
              <Text className="card-title">{r.name}</Text>
              <Text className={`tag ${r.verified ? 'status-confirmed' : 'unverified'}`}>{r.verified ? '已核实' : '待核实'}</Text>
            </View>
            <View className="muted">
              {r.buildingName} {r.flat}
              {r.phone ? ` · ${r.phone}` : ''}
            </View>
            <Button className="btn block book-for" onClick={() => Taro.navigateTo({ url: serviceListFor(r) })}>
              代为预约服务
            </Button>
            {!r.verified && (
              <Button className="btn primary block verify" disabled={rows.busy === r.id || undefined} onClick={() => verify(r.id)}>
                核实
              </Button>
            )}
          </View>
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}
