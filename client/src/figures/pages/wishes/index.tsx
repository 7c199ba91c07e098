import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CountKey, FigureKey, FigurePart, FigureScope } from '@shared/schemas/figures';
import { beijingDate } from '@shared/domain/beijing-time';
import { api } from '../../../api/endpoints';
import { STATUS_LABEL } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { COUNT_WORDS, FIGURE_WORDS } from '../../figure-words';
import '../../figures.css';

const day = (iso: string) => beijingDate(Date.parse(iso));

/**
 * The wishes behind one part of a figure, or behind a count (GET /figures/wishes): where, what, its state; names
 * masked as the API gives them. Wishes the reader may not open (another community's, of a team serving both) are
 * only counted.
 */
export default function FigureWishes() {
  const params = useRouter().params;
  const scope = FigureScope.catch('grid').parse(params.scope);
  const count = params.count ? CountKey.catch('submitted').parse(params.count) : null;
  const figure = FigureKey.catch('response').parse(params.figure);
  const part = FigurePart.catch('numerator').parse(params.part);
  const where = { scope, id: params.id ?? '', month: params.month ?? '' };
  const [hidden, setHidden] = useState(0);
  const list = usePagedList(async (cursor) => {
    const page = await api.figureWishes(count ? { ...where, count } : { ...where, figure, part }, cursor);
    setHidden((h) => (cursor ? h : 0) + page.hidden);
    return page;
  });
  const words = FIGURE_WORDS[figure];
  const heading = count ? (COUNT_WORDS[count] ?? count) : `${words.name} · ${words[part]}`;
  const query = where;

  return (
    <PageShell>
      <View className="title figure-wishes-title">{heading}</View>
      <View className="muted">
        {decodeURIComponent(params.name ?? '')} · {query.month} · 姓名已隐去
      </View>
      {hidden > 0 && <View className="notice figure-hidden">另有 {hidden} 件属于您管理范围以外的社区,只计数,不显示</View>}
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
