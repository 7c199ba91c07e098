import type { WishDetail, WishStatus } from '../../shared/schemas/wishes';
import { as } from './api';

/** 李建国's broken light in 1号楼 (grid 1): routed at once to 古城能人库 (张师傅, 刘建军). */
export const LAMP = { description: '楼道的灯坏了好几天了,晚上看不见台阶', category: 'cat-electric', buildingId: 'b-gc-1' };
/** A wish of the "other" category: no team has the skill, so it waits for triage in grid 1. */
export const CLUTTER = { description: '楼道里堆了很多杂物,老人上下楼不方便', category: 'cat-other', buildingId: 'b-gc-1' };

export const OWNER = 'u-res-li';
export const CLAIMANT = 'u-vol-zhang';
export const GRID_WORKER = 'u-grid-sun';

async function step(userId: string, id: string, action: string, body: unknown = {}): Promise<WishDetail> {
  const res = await as(userId).post<WishDetail>(`/wishes/${id}/${action}`, body);
  if (res.status !== 200) throw new Error(`${action} by ${userId} answered ${res.status}: ${res.text}`);
  return res.body;
}

export async function submit(body: object = LAMP, owner = OWNER): Promise<WishDetail> {
  const res = await as(owner).post<WishDetail>('/wishes', body);
  if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${res.text}`);
  return res.body;
}

/** A fresh wish of OWNER's driven through the API to the status asked for. */
export async function wishIn(status: WishStatus): Promise<string> {
  const triage = status === 'submitted' || status === 'rejected';
  const { wish } = await submit(triage ? CLUTTER : LAMP);
  const other = status === 'merged' ? (await submit(LAMP)).wish.id : '';
  const path: Record<WishStatus, [string, string, unknown?][]> = {
    submitted: [],
    routed: [],
    claimed: [[CLAIMANT, 'claim']],
    in_progress: [
      [CLAIMANT, 'claim'],
      [CLAIMANT, 'start'],
    ],
    done: [
      [CLAIMANT, 'claim'],
      [CLAIMANT, 'start'],
      [CLAIMANT, 'complete', { note: '换了灯泡' }],
    ],
    confirmed: [
      [CLAIMANT, 'claim'],
      [CLAIMANT, 'start'],
      [CLAIMANT, 'complete'],
      [OWNER, 'confirm', { rating: 5 }],
    ],
    closed_unfixed: [[GRID_WORKER, 'close', { reason: '线路老化需整体改造' }]],
    rejected: [[GRID_WORKER, 'reject', { reason: '不属于微心愿范围' }]],
    merged: [[GRID_WORKER, 'merge', { intoId: other, reason: '同一盏灯,重复提交' }]],
  };
  for (const [who, action, body] of path[status]) await step(who, wish.id, action, body);
  return wish.id;
}

export { step };
