import { Text, View } from '@tarojs/components';
import type { BoardKind, CouncilStep, MemberKind, MeetingOutcome, Stance, TaskStatus } from '@shared/schemas/council';

/** The seven steps (七步议事法), in order: a topic's `stepNumber` is the one it is at. */
export const SEVEN_STEPS = ['收集意见', '确认议题', '制定方案', '发布公告', '组织协商', '结果运用', '反馈公示'] as const;

export const STEP_LABEL: Record<CouncilStep, string> = {
  collecting: '收集意见中',
  drafting: '制定方案中',
  noticed: '已发布会议公告',
  applying: '结果运用中',
  published: '结果公示中',
  closed: '已办结',
  declined: '未立项',
  lapsed: '支持不足,已失效',
};

export const STANCE_LABEL: Record<Stance, string> = { support: '支持', oppose: '反对', suggest: '建议' };

export const MEMBER_LABEL: Record<MemberKind, string> = {
  representative: '居民代表',
  building_head: '楼院长',
  property: '物业',
  owners_committee: '业委会',
  co_building: '共建单位',
};

export const OUTCOME_LABEL: Record<MeetingOutcome, string> = {
  no_quorum: '流会(到会人数不足)',
  no_agreement: '未形成决议',
  adopted: '方案通过',
};

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = { open: '进行中', done: '已完成', closed: '已关闭' };

export const BOARD_LABEL: Record<BoardKind, string> = { notice: '会议公告', result: '结果公示', declined: '未立项说明' };

export const topicUrl = (id: string) => `/council/pages/topic/index?id=${encodeURIComponent(id)}`;
export const actUrl = (id: string) => `/council/pages/act/index?id=${encodeURIComponent(id)}`;
export const printUrl = (id: string, kind: 'notice' | 'result') => `/council/pages/print/index?id=${encodeURIComponent(id)}&kind=${kind}`;

/** The seven-step progress bar: the steps done, the one the topic is at, the ones to come. */
export function StepBar({ stepNumber, ended }: { stepNumber: number; ended?: boolean }) {
  return (
    <View className="council-steps">
      {SEVEN_STEPS.map((label, i) => {
        const n = i + 1;
        const state = n < stepNumber ? 'done' : n === stepNumber ? (ended ? 'ended' : 'current') : 'todo';
        return (
          <View key={label} className={`council-step ${state}`} data-step={n}>
            <Text>
              {n} {label}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
