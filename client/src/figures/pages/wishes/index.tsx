import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { FigureKey, FigurePart, FigureScope } from '@shared/schemas/figures';
import { beijingDate } from '@shared/domain/beijing-time';
import { api } from '../../../api/endpoints';
import { STATUS_LABEL } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { FIGURE_WORDS } from '../../figure-words';
import '../../figures.css';

const day = (iso: string) => beijingDate(Date.parse(iso));

/** The wishes behind one part of a figure (GET /figures/wishes): where, what, its state; names masked as the API gives them. */
export default function FigureWishes() {
  const params = useRouter().params;
  const scope = FigureScope.catch('grid').parse(params.scope);
  const figure = FigureKey.catch('response').parse(params.figure);
  const part = FigurePart.catch('numerator').parse(params.part);
  const query = { scope, id: params.id ?? '', month: params.month ?? '', figure, part };
  const list = usePagedList((cursor) => api.figureWishes(query, cursor));
  const words = FIGURE_WORDS[figure];
  const partName = words[part];

  return (
    <PageShell>
      <View className="title figure-wishes-title">
        {words.name} · {partName}
      </View>
      <View className="muted">
        {decodeURIComponent(params.name ?? '')} · {query.month} · 姓名已隐去
      </View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="没有这样的心愿"
        onRetry={list.reload}
      />
      {list.items.map((w) => (
        <View
          key={w.id}
          className="card figure-wish"
          data-wish-id={w.id}
          onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${w.id}` })}
        >
          <View className="row">
            <Text className="card-title">
              {w.categoryName} · {w.buildingName}
            </Text>
            <Text className={`tag status-${w.status}`}>{STATUS_LABEL[w.status]}</Text>
          </View>
          <View className="muted">
            {w.ownerName} 提交于 {day(w.createdAt)}
            {w.doneAt ? ` · 办完于 ${day(w.doneAt)}` : ''}
          </View>
          <View className="muted">
            {w.teamName ?? '未派单'}
            {w.claimantName ? ` · ${w.claimantName}` : ''}
            {w.rating ? ` · ${w.rating} 星` : ''}
          </View>
          <Button className="btn block open-wish" onClick={() => Taro.navigateTo({ url: `/pages/wish/index?id=${w.id}` })}>
            查看心愿
          </Button>
        </View>
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
