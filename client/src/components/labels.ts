import { whenText } from '@shared/domain/beijing-time';
import type { SlaState } from '@shared/schemas/sla';
import type { TeamKind } from '@shared/schemas/teams';
import type { Role } from '@shared/schemas/users';
import type { ActorRole, WallConsent, WishEvent, WishStatus } from '@shared/schemas/wishes';

export const STATUS_LABEL: Record<WishStatus, string> = {
  submitted: '待分派',
  routed: '待认领',
  claimed: '已认领',
  in_progress: '处理中',
  done: '待确认',
  confirmed: '已完成',
  closed_unfixed: '未能解决',
  rejected: '未受理',
  merged: '已合并',
};

export const ACTION_LABEL: Record<WishEvent['action'], string> = {
  submit: '提交心愿',
  support: '邻居也遇到',
  council: '转入居民议事会',
  council_return: '议事会交回',
  route: '派单',
  claim: '认领',
  release: '放弃认领',
  start: '开始处理',
  complete: '完成',
  confirm: '确认完成',
  dispute: '还没解决',
  reject: '不予受理',
  close: '结束(未解决)',
  send_back: '退单',
  resolve: '已直接解决',
  escalate: '上报',
  send_down: '退回下级',
  extend_lease: '延长开始时限',
  extend_deadline: '延长办结时限',
  merge: '合并',
  expire_lease: '认领超时释放',
  auto_confirm: '自动确认',
  overdue: '已超时',
};

export const ROLE_LABEL: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  gridWorker: '网格员',
  staff: '社区工作人员',
  streetStaff: '街道工作人员',
  admin: '管理员',
};

/** What a resident agrees to show on the public wall when confirming. */
export const WALL_LABEL: Record<WallConsent, string> = {
  hidden: '不公示',
  summary: '公示(只显示类别、楼栋和评分)',
  full: '公示,包括我的心愿和评价',
};

export const ACTOR_LABEL: Record<ActorRole, string> = { ...ROLE_LABEL, system: '系统' };

/** “3小时前”: how long a wish has waited, in the words a volunteer reads at a glance. */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  return `${Math.floor(minutes / (24 * 60))}天前`;
}

/** “11月30日 09:00” in Beijing time: the device's clock may be set to any zone, the community's is not. */
export const formatTime = whenText;

/** How a wish's clocks stand, in the words on its tag. */
export const SLA_LABEL: Record<SlaState, string> = { ok: '按时', yellow: '即将超时', red: '已超时' };

/** “2小时15分” / “3天” / “已过期”: the time left to a deadline, for a countdown. */
export function timeLeft(iso: string, now = Date.now()): string {
  const minutes = Math.floor((Date.parse(iso) - now) / 60_000);
  if (minutes < 0) return '已过期';
  if (minutes < 60) return `${minutes}分钟`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时${minutes % 60 ? `${minutes % 60}分` : ''}`;
  return `${Math.floor(minutes / (24 * 60))}天${Math.floor((minutes % (24 * 60)) / 60) ? `${Math.floor((minutes % (24 * 60)) / 60)}小时` : ''}`;
}

export const TEAM_KIND_LABEL: Record<TeamKind, string> = {
  skills_registry: '能人库',
  volunteer_team: '志愿服务队',
  party_team: '党员志愿队',
  co_building_unit: '共建单位',
};

/** The skills of the demo teams in words; a skill staff type in themselves is shown as typed. */
const SKILL_WORDS: Record<string, string> = {
  electrician: '电工',
  plumbing: '水管维修',
  locksmith: '开锁修锁',
  visiting: '探访陪伴',
  appliance_repair: '家电维修',
  public_lighting: '公共照明',
  safety: '安全防范',
};
export const skillLabel = (skill: string): string => SKILL_WORDS[skill] ?? skill;
/** The skills a volunteer may pick from: the demo ones and any others already in use. */
export const knownSkills = (...more: string[][]): string[] => [...new Set([...Object.keys(SKILL_WORDS), ...more.flat()])];

export const APPLICATION_LABEL: Record<'pending' | 'approved' | 'declined', string> = {
  pending: '待审核',
  approved: '已通过',
  declined: '未通过',
};
export const PARTNERSHIP_LABEL: Record<'offered' | 'accepted' | 'ended', string> = {
  offered: '待对方接受',
  accepted: '协作中',
  ended: '已结束',
};

const UNIT_WORDS = { working_minutes: '个工作分钟', working_days: '个工作日', calendar_minutes: '分钟', calendar_days: '天' } as const;
/** “30个工作分钟”, “2小时”: a time limit as staff read it. */
export function limitLabel(limit: { amount: number; unit: keyof typeof UNIT_WORDS }): string {
  if (limit.unit === 'calendar_minutes' && limit.amount % 60 === 0) return `${limit.amount / 60}小时`;
  if (limit.unit === 'working_minutes' && limit.amount % 60 === 0) return `${limit.amount / 60}个工作小时`;
  return `${limit.amount}${UNIT_WORDS[limit.unit]}`;
}
