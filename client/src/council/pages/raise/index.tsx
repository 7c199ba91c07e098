import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { api } from '../../../api/endpoints';
import { newIdempotencyKey } from '../../../api/request';
import { ago } from '../../../components/labels';
import { ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';
import { topicUrl } from '../../council-words';
import '../../council.css';

/**
 * 发起议题, for staff and grid workers: a title and what it is about, and the open wishes of the triage queue it
 * takes up (1–20; their clocks stop while the council has them). Staff may also raise one without wishes.
 */
export default function Raise() {
  const list = usePagedList((cursor) => api.triage({}, cursor));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const act = useRowAction();
  // One key per topic being written: a retry after a lost answer finds the first topic.
  const key = useRef(newIdempotencyKey());

  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  const send = () => {
    if (title.trim().length < 4) return act.say('raise', '议题名称至少4个字');
    if (!body.trim()) return act.say('raise', '请写议题说明');
    return act.run(
      'raise',
      async () => {
        const detail = await api.raiseTopic(
          { title: title.trim(), body: body.trim(), ...(chosen.length ? { wishIds: chosen } : {}) },
          key.current,
        );
        key.current = newIdempotencyKey();
        void Taro.redirectTo({ url: topicUrl(detail.topic.id) });
      },
      { failed: '议题没有发起成功,请再试一次' },
    );
  };

  return (
    <PageShell>
      <View className="title">发起议题</View>
      <View className="muted">志愿者解决不了的事(停车、加装设施、楼道公约),提交居民议事会商量。</View>
      <View className="section">议题名称</View>
      <Input className="input topic-title" value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
      <View className="section">议题说明</View>
      <Textarea className="textarea topic-body" value={body} maxlength={2000} onInput={(e) => setBody(e.detail.value)} />
      <View className="section">转入议事会的心愿(已选{chosen.length}个,最多20个)</View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="待分派队列里没有心愿"
        onRetry={list.reload}
      />
      {list.items.map((w) => (
        <View
          key={w.id}
          className={`choice raise-wish${chosen.includes(w.id) ? ' selected' : ''}`}
          data-wish-id={w.id}
          onClick={() => toggle(w.id)}
        >
          <Text>
            {chosen.includes(w.id) ? '✓ ' : ''}
            {w.categoryName} · {w.buildingName}:{w.description ?? ''}({ago(w.createdAt)})
          </Text>
        </View>
      ))}
      <LoadMore list={list} />
      <Button className="btn primary block send-topic" disabled={!!act.busy || undefined} onClick={() => void send()}>
        提交议事会
      </Button>
      {act.message && <View className={act.message.ok ? 'success' : 'error'}>{act.message.text}</View>}
    </PageShell>
  );
}
