import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api/endpoints';
import { formatTime } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { BOARD_LABEL, printUrl, TASK_STATUS_LABEL, topicUrl } from '../../council-words';
import '../../council.css';

/** 公告栏: the community's meeting notices, published results and declined topics, newest first. */
export default function Board() {
  const list = usePagedList(api.noticeboard);
  return (
    <PageShell>
      <View className="title">公告栏</View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="公告栏上暂时没有公告"
        onRetry={list.reload}
      />
      {list.items.map((e) => (
        <View key={e.id} className="card board-entry" data-topic-id={e.topicId} data-kind={e.kind}>
          <View className="row">
            <Text className="card-title">{e.title}</Text>
            <Text className="tag">{BOARD_LABEL[e.kind]}</Text>
          </View>
          {e.meetingAt && <View className="text">时间:{formatTime(e.meetingAt)}</View>}
          {e.place && <View className="text">地点:{e.place}</View>}
          {e.agenda && <View className="text">议程:{e.agenda}</View>}
          {e.summary && <View className="text">{e.summary}</View>}
          {e.tasks.map((t) => (
            <View key={t.title} className="muted">
              {t.title}:{TASK_STATUS_LABEL[t.status]}
              {t.finishedAt ? `(${formatTime(t.finishedAt)})` : ''}
            </View>
          ))}
          <View className="muted">发布于 {formatTime(e.at)}</View>
          <View className="row">
            <Button className="btn open-topic" onClick={() => Taro.navigateTo({ url: topicUrl(e.topicId) })}>
              查看议题
            </Button>
            {e.kind !== 'declined' && (
              <Button
                className="btn print-entry"
                onClick={() => Taro.navigateTo({ url: printUrl(e.topicId, e.kind === 'notice' ? 'notice' : 'result') })}
              >
                打印张贴
              </Button>
            )}
          </View>
        </View>
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
