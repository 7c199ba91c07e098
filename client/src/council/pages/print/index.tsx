import { Button, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate } from '@shared/domain/beijing-time';
import type { TopicDetail } from '@shared/schemas/council';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { formatTime } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';
import { TASK_STATUS_LABEL } from '../../council-words';
import '../../council.css';

/** “2026年12月5日”. */
const dateText = (iso: string) => {
  const [y, m, d] = beijingDate(Date.parse(iso)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/**
 * A meeting notice or a published result as an A4 sheet for the building's noticeboard: the title, time and
 * place, the agenda (or the decision and its tasks), in large type and words only. In the browser 打印 prints
 * the sheet alone (council.css @media print).
 */
export default function PrintSheet() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const kind = params.kind === 'result' ? 'result' : 'notice';
  const [detail, setDetail] = useState<TopicDetail | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    setError('');
    api.councilTopic(id).then(setDetail, (e) => setError(errorText(e, '加载失败,请重试')));
  };
  useDidShow(load);
  const topic = detail?.topic;
  const adopted = topic?.plans.find((p) => p.id === topic.adoptedPlanId);

  return (
    <PageShell>
      {error && <LoadError message={error} onRetry={load} />}
      {!detail && !error && <View className="empty">正在加载…</View>}
      {topic && kind === 'notice' && !topic.notice && <View className="empty">这个议题还没有发布会议公告</View>}
      {topic && kind === 'result' && !topic.result && <View className="empty">这个议题还没有公示结果</View>}
      {topic && ((kind === 'notice' && topic.notice) || (kind === 'result' && topic.result)) && (
        <View className={`print-sheet print-${kind}`}>
          <View className="print-kind">{kind === 'notice' ? '居民议事会会议公告' : '居民议事会结果公示'}</View>
          <View className="print-title">{topic.title}</View>
          {kind === 'notice' && topic.notice && (
            <View>
              <View className="print-label">会议时间</View>
              <View className="print-text print-time">{formatTime(topic.notice.meetingAt)}</View>
              <View className="print-label">会议地点</View>
              <View className="print-text print-place">{topic.notice.place}</View>
              <View className="print-label">会议议程</View>
              <View className="print-text print-agenda">
                {topic.notice.agenda
                  .split(/[;\uFF1B\n]/)
                  .map((item) => item.trim())
                  .filter(Boolean)
                  .map((item) => (
                    <View key={item} className="agenda-item">
                      {item}
                    </View>
                  ))}
              </View>
              <View className="print-label">议题说明</View>
              <View className="print-text">{topic.body}</View>
              <View className="print-text">欢迎居民朋友到场旁听。</View>
              <View className="print-foot">
                <View>居民议事会</View>
                <View>{dateText(topic.notice.at)}</View>
              </View>
            </View>
          )}
          {kind === 'result' && topic.result && (
            <View>
              <View className="print-label">议事结果</View>
              <View className="print-text print-summary">{topic.result.summary}</View>
              {adopted && (
                <View>
                  <View className="print-label">通过的方案:{adopted.title}</View>
                  <View className="print-text">{adopted.body}</View>
                </View>
              )}
              {detail.tasks.length > 0 && <View className="print-label">落实情况</View>}
              {detail.tasks.map((t) => (
                <View key={t.id} className="print-text">
                  {t.title}:{TASK_STATUS_LABEL[t.status]}
                  {t.finishedAt ? `(${dateText(t.finishedAt)})` : ''}
                </View>
              ))}
              <View className="print-text">公示期至{dateText(topic.result.publicUntil)},如有异议请向社区居委会反映。</View>
              <View className="print-foot">
                <View>居民议事会</View>
                <View>{dateText(topic.result.publishedAt)}</View>
              </View>
            </View>
          )}
        </View>
      )}
      {topic && process.env.TARO_ENV === 'h5' && (
        <Button className="btn primary block no-print print-now" onClick={() => window.print()}>
          打印(A4)
        </Button>
      )}
    </PageShell>
  );
}
