import type { ErrorCode } from '@shared/errors';

/** Every error code the API can answer, in words a resident understands. One table, keyed by code. */
export const MESSAGES: Record<ErrorCode | 'NETWORK' | 'BAD_RESPONSE', string> = {
  VALIDATION_FAILED: '填写的内容有误,请检查后再提交',
  MALFORMED_JSON: '提交的内容无法识别,请重试',
  UNSUPPORTED_MEDIA_TYPE: '提交的内容格式不对,请重试',
  PAYLOAD_TOO_LARGE: '内容太长了,请精简后再提交',
  UNAUTHENTICATED: '登录已过期,请重新登录',
  WECHAT_CODE_INVALID: '微信登录没有成功,请再试一次',
  FORBIDDEN: '您没有权限做这件事',
  PROFILE_INCOMPLETE: '请先填写您的姓名、住址和电话',
  NOT_FOUND: '没有找到这条内容,可能已被删除',
  ALREADY_CLAIMED: '已被其他志愿者认领',
  INVALID_TRANSITION: '心愿状态已经变化,请刷新后再看',
  TOO_MANY_OPEN_WISHES: '您还有多个心愿正在办理,请等已有心愿办结后再提交',
  CLAIM_LIMIT: '手上的任务已经够多了,请先完成已认领的任务',
  SEND_BACK_TOO_LATE: '派单超过2个工作日,不能再退单,请联系网格员',
  IDEMPOTENCY_KEY_REUSED: '这次提交已经处理过了,请刷新后再看',
  RATE_LIMITED: '操作太频繁了',
  CONCURRENT_CHANGE: '刚才有人同时在修改,请刷新后再试一次',
  UNAVAILABLE: '服务暂时繁忙,请稍后再试',
  TIMEOUT: '服务器响应太慢,请稍后刷新看看是否已经成功',
  INTERNAL: '系统出了点问题,我们会尽快处理',
  SLOT_FULL: '这个时段已经约满了,可以排队候补',
  ALREADY_BOOKED: '您已经预约过这个时段了',
  QUOTA_EXCEEDED: '已达到这项服务的预约次数上限',
  WINDOW_CLOSED: '现在不在预约时间内',
  NOT_ELIGIBLE: '这项服务只面向特定居民,您暂时不能预约',
  CANCEL_DEADLINE_PASSED: '已过取消截止时间,如需取消请联系社区',
  SLOT_CLOSED: '这个时段已被社区取消',
  NOT_VERIFIED: '请先请本网格的网格员核实您的住址,核实后才能预约、报名和参与邻里互助',
  BOOKING_NOT_ACTIVE: '这个预约已经结束或取消了,请刷新后再看',
  OFFER_EXPIRED: '候补名额的保留时间已过',
  DRAW_NOT_DUE: '报名还没截止,截止后才能抽签',
  TOO_MANY_HOME_CHANGES: '住址每月最多更改2次,如确需更改请联系本网格的网格员',
  APPLY_TOO_SOON: '申请未通过后需等待30天才能再次申请这支队伍',
  THRESHOLD_NOT_MET: '这个提议还没有获得足够的居民支持,暂不能确认',
  NOTICE_TOO_SHORT: '会议时间离现在太近,需提前发布公告',
  MEETING_NOT_HELD: '会议还没有召开,开会后再记录',
  TASKS_OPEN: '还有任务没有完成或关闭,暂不能公示结果',
  WRONG_STEP: '议题已进入其他环节,这一步现在不能办理,请刷新后再看',
  OBSERVER_SEATS_FULL: '议事厅的列席座位已经报满了',
  ALREADY_COMMITTED: '您已经提交过承诺值,不能更改',
  COMMITMENT_MISMATCH: '这个密码与您截止前提交的承诺值不符,请核对后再试',
  ALREADY_REVEALED: '您已经揭示过密码了',
  LIST_NOT_PUBLISHED: '报名截止、名单公布后才能进行这一步',
  PUBLIC_NUMBER_TOO_EARLY: '公开号码发布得太早:须在报名截止之后发布;有监督人时,须在监督人揭示截止时间之后发布',
  ALREADY_ENTERED: '这次抽签的公开号码已经录入过了',
  NETWORK: '网络不太好,请检查网络后再试',
  BAD_RESPONSE: '收到的数据有误,请稍后重试',
};

/** “,请5分钟后再试” from a Retry-After in seconds. */
export function retryIn(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return ',请稍后再试';
  if (seconds < 60) return `,请${Math.ceil(seconds)}秒后再试`;
  if (seconds < 3600) return `,请${Math.ceil(seconds / 60)}分钟后再试`;
  return `,请${Math.ceil(seconds / 3600)}小时后再试`;
}

/** Field names of the forms, for validation messages. */
export const FIELD_NAMES: Record<string, string> = {
  description: '心愿内容',
  category: '类别',
  buildingId: '楼栋',
  urgency: '紧急程度',
  consent: '居民同意',
  onBehalfOf: '居民',
  rating: '评分',
  reason: '原因',
  comment: '评价',
  note: '说明',
  teamId: '队伍',
  name: '姓名',
  flat: '门牌号',
  phone: '手机号',
  phoneCode: '手机号',
  wall: '公示',
};
