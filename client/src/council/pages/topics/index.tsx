import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api/endpoints';
import { hasRole, session } from '../../../api/session';
import { formatTime } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { STEP_LABEL, StepBar, topicUrl } from '../../council-words';
import '../../council.css';

const ENDED = new Set(['declined', 'lapsed', 'closed']);

/** 议事: the community's topics, newest first, each with where it stands of the seven steps. */
export default function Topics() {
  const list = usePagedList(api.councilTopics);
  const user = session.user();
  const staff = hasRole(user, 'staff') || hasRole(user, 'gridWorker');
  return (
    <PageShell>
      <View className="title">居民议事会</View>
      <View className="muted">大家的事大家商量:收集意见、确认议题、制定方案、发布公告、组织协商、结果运用、反馈公示。</View>
      <Button className="btn block open-board" onClick={() => Taro.navigateTo({ url: '/council/pages/board/index' })}>
        公告栏
      </Button>
      {staff && (
        <Button className="btn primary block raise-topic" onClick={() => Taro.navigateTo({ url: '/council/pages/raise/index' })}>
          发起议题
        </Button>
      )}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="社区还没有议题"
        onRetry={list.reload}
      />
      {list.items.map((t) => (
        <View key={t.id} className="card topic-card" data-topic-id={t.id} onClick={() => Taro.navigateTo({ url: topicUrl(t.id) })}>
          <View className="row">
            <Text className="card-title">{t.title}</Text>
            <Text className="tag">{STEP_LABEL[t.step]}</Text>
          </View>
          <StepBar stepNumber={t.stepNumber} ended={ENDED.has(t.step)} />
          <View className="muted">
            {formatTime(t.createdAt)} 发起 · {t.supporters}人支持
          </View>
          <Button className="btn block open-topic">查看议题</Button>
        </View>
      ))}
      <LoadMore list={list} />
    </PageShell>
  );
}
