import { rebuildMonth } from '../../../functions/figures/rebuild';
import { beijingMonth } from '../../../shared/domain/beijing-time';
import type { TopicDetail } from '../../../shared/schemas/council';
import { FiguresView } from '../../../shared/schemas/figures';
import { inboxOf } from '../../../functions/data/notifications';
import { readAll } from '../../../functions/data/pagination';
import { as, tokenOf } from '../../helpers/api';
import { addResidents } from '../../helpers/people';
import { useDemoTable } from '../../helpers/table';
import { CLUTTER, LAMP, submit } from '../../helpers/wishes';

/**
 * The council moves wishes in its own transactions (raised to a topic, given back when it is declined): the
 * figures' counters and lists move in the same transactions, so what is served is what a recount of the
 * timelines says, at once and not at the wish's next write.
 */
useDemoTable();

const GRID = 'u-grid-sun';
const STAFF = 'u-staff-guo';
const GRID1 = 'g-gucheng-1';
const MONTH = beijingMonth(Date.now());

async function served(): Promise<FiguresView> {
  const res = await as(STAFF).get('/figures', { query: { scope: 'grid', id: GRID1, month: MONTH } });
  if (res.status !== 200) throw new Error(`GET /figures answered ${res.status}: ${res.text}`);
  return FiguresView.parse(res.body);
}

async function recountAgrees(): Promise<void> {
  const dry = await rebuildMonth(MONTH, { write: false });
  expect([dry.counters, dry.lists, dry.recounted]).toEqual([[], [], []]);
}

test('raising three wishes of one grid counts three raised to the council at once; declining the topic keeps the counts true', async () => {
  const before = await served();
  const wishes = [
    (await submit(LAMP, 'u-res-li')).wish.id,
    (await submit(CLUTTER, 'u-res-li')).wish.id,
    (await submit({ ...CLUTTER, description: '楼道里的自行车堵住了通道' }, 'u-res-wang')).wish.id,
  ];
  const submitted = await served();
  expect(submitted.counts.submitted).toBe(before.counts.submitted + 3);
  expect(submitted.counts.council).toBe(before.counts.council);

  const raised = await as(GRID).post<TopicDetail>('/council/topics', {
    title: '楼道公共空间的管理',
    body: '楼道堆物、照明,需要居民共同商议',
    wishIds: wishes,
  });
  expect(raised.status).toBe(201);
  const afterRaise = await served();
  // Three wishes of one grid and month: one counter, raised by the sum (one ADD), each wish listed once.
  expect(afterRaise.counts.council).toBe(before.counts.council + 3);
  expect(afterRaise.counts.open).toBe(submitted.counts.open);
  await recountAgrees();

  const declined = await as(STAFF).post<TopicDetail>(`/council/topics/${raised.body.topic.id}/decline`, { reason: '属于物业职责范围' });
  expect(declined.status).toBe(200);
  const afterDecline = await served();
  // Given back to triage: still raised to the council once, still open, counted as the timelines say.
  expect(afterDecline.counts.council).toBe(before.counts.council + 3);
  expect(afterDecline.counts.open).toBe(submitted.counts.open);
  await recountAgrees();
});

test('twenty wishes of twenty residents raised at once: one topic, twenty counted, every owner told (more than one transaction holds)', async () => {
  const owners = await addResidents(20, 'council-many');
  await Promise.all(owners.map(tokenOf));
  const before = await served();
  const wishes = await Promise.all(
    owners.map(async (o, i) => (await submit({ ...CLUTTER, description: `楼道里堆了杂物,第${i + 1}户反映` }, o)).wish.id),
  );
  const raised = await as(GRID).post<TopicDetail>('/council/topics', {
    title: '楼道堆物集中整治',
    body: '二十户居民反映楼道堆物,需要居民共同商议',
    wishIds: wishes,
  });
  expect(raised.status).toBe(201);
  expect(raised.body.topic.wishIds).toHaveLength(20);
  expect((await served()).counts.council).toBe(before.counts.council + 20);
  for (const o of owners) {
    const inbox = await readAll(inboxOf(o));
    expect(inbox.filter((n) => n.kind === 'council_topic')).toHaveLength(1);
  }
  await recountAgrees();
});
