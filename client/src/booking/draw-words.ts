import { whenText } from '@shared/domain/beijing-time';
import type { DrawView, DrawWitness } from '@shared/schemas/draws';

/** Words the draw page and its printed sheet share. */
export const WITNESS_ROLE: Record<DrawWitness['role'], string> = { staff: '社区工作人员', resident: '居民代表' };

export const witnessLabel = (w: Pick<DrawWitness, 'role' | 'name'>) => `${WITNESS_ROLE[w.role]} ${w.name}`;

/** One line per ticket a checker hashes: `种子:签号:j` for each j below its weight. */
export const ticketStrings = (draw: Pick<DrawView, 'seed' | 'applicants'>): string[] =>
  draw.seed ? draw.applicants.flatMap((a) => Array.from({ length: a.weight }, (_, j) => `${draw.seed}:${a.ticket}:${j}`)) : [];

/** What happens to this draw, in the order it happens. */
export function drawPlan(draw: DrawView): string[] {
  const names = draw.witnesses.map(witnessLabel).join('、');
  const source = draw.publicSource ? `${draw.publicSource.name}(${draw.publicSource.which})` : '';
  return [
    '报名截止时,名单(签号、权重、隐去名字的姓名)和它的SHA-256“名单哈希”立即公布,之后不能再报名或取消。',
    draw.witnesses.length
      ? `监督人${names}在截止前各自提交一个密码的“承诺值”(密码的SHA-256),截止后再揭示密码;谁也不能在截止前知道别人的密码。`
      : '',
    source && draw.revealBy
      ? `监督人揭示期限(${whenText(draw.revealBy)})之后公布的公开号码:${source},由社区工作人员连同来源和日期录入,社区里没有人能控制它;监督人还能揭示时谁也不知道它,所以不揭示的人无法借此挑选结果。`
      : source
        ? `截止后公布的公开号码:${source},由社区工作人员连同来源和日期录入,社区里没有人能控制它。`
        : '',
    '随机种子是名单哈希、每位监督人的密码和公开号码按固定顺序拼成的文字的SHA-256;输入齐全、公开号码的公布时间已到,系统立即抽签。',
    draw.ifWitnessSilent === 'public_only' && draw.revealBy
      ? `如果有监督人到揭示期限(${whenText(draw.revealBy)})仍未揭示,会被记录下来,并按规则只用名单哈希和公开号码抽签,不会等任何一个人,也不会改用运营方能控制的东西。`
      : '',
    draw.ifWitnessSilent === 'redraw_at' && draw.revealBy && draw.redrawAt && draw.redrawSource
      ? `如果有监督人到揭示期限(${whenText(draw.revealBy)})仍未揭示,会被记录下来,并按规则在${whenText(draw.redrawAt)}重抽:用名单哈希、已揭示的密码、公开号码,再加上${draw.redrawSource.name}(${draw.redrawSource.which});这个号码在揭示期限时谁也不知道,所以不揭示的人无法借此挑选结果。`
      : '',
  ].filter(Boolean);
}

/** What the rules did about a silent witness, as the page says it. */
export const silentText = (draw: Pick<DrawView, 'redrawAt'>) =>
  draw.redrawAt ? `到期限未揭示,已记录;按规则在${whenText(draw.redrawAt)}重抽` : '到期限未揭示,已记录;按规则只用公开号码抽签';

/** Staff have a number to enter: the public number, or under redraw_at (a witness silent at the deadline) the re-draw's. */
export function numberToEnter(draw: DrawView, nowMs: number): 'first' | 'redraw' | null {
  if (draw.status !== 'committed' || !draw.publicSource) return null;
  if (!draw.publicNumber) return 'first';
  const silent = draw.witnesses.some((w) => !w.revealedAt);
  if (draw.redrawAt && !draw.redrawNumber && silent && draw.revealBy && nowMs >= Date.parse(draw.revealBy)) return 'redraw';
  return null;
}
