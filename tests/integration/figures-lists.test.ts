import { DeleteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { beijingMonth } from '../../shared/domain/beijing-time';
import { FigureWishPage } from '../../shared/schemas/figures';
import { DEMO_WISHES } from '../../scripts/demo-wishes';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { step, submit } from '../helpers/wishes';

/**
 * Issue 15, the rest of it, over the real middy stack: a team serving two communities opens its numbers to each
 * reader's own wishes only; every count opens to its wishes; the three lists (需求清单, 资源清单, 问题清单) and the
 * monthly report, from a scripted history whose every number is worked out by hand below.
 */
useDemoTable();

const MONTH = beijingMonth(Date.now());
const APPLIANCE_GC5 = { description: '家里的洗衣机不转了,请师傅看看', category: 'cat-appliance', buildingId: 'b-gc-33' };
const APPLIANCE_PTN = { description: '电饭锅插上电没反应', category: 'cat-appliance', buildingId: 'b-ptn-1' };
const PTN_TEAM = 't-ptn-nengren'; // 平坦垴能人库, lent to 古城's 第五网格 (融合网格)

/** The demo wishes would blur the hand counts: the history here is alone in its month. */
async function withoutDemoWishes(): Promise<void> {
  for (const demo of DEMO_WISHES) {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `WISH#${demo.id}` },
      }),
    );
    for (const item of out.Items ?? []) await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK: item.PK, SK: item.SK } }));
  }
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(PK, :a) OR begins_with(PK, :b)',
        ExpressionAttributeValues: { ':a': 'FIGURES#', ':b': 'FIGLIST#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK: item.PK, SK: item.SK } }));
    start = out.LastEvaluatedKey;
  } while (start);
}

/** Every wish behind a number, page after page, and how many were hidden from the reader. */
async function behind(userId: string, query: Record<string, string>): Promise<{ ids: string[]; hidden: number; text: string }> {
  const ids: string[] = [];
  let hidden = 0;
  let text = '';
  let cursor: string | undefined;
  do {
    const res = await as(userId).get('/figures/wishes', { query: { month: MONTH, limit: '2', ...query, ...(cursor ? { cursor } : {}) } });
    if (res.status !== 200) throw new Error(`GET /figures/wishes answered ${res.status}: ${res.text}`);
    const page = FigureWishPage.parse(res.body);
    ids.push(...page.items.map((w) => w.id));
    hidden += page.hidden;
    text += res.text;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { ids: ids.sort(), hidden, text };
}

const W: Record<string, string> = {};

beforeAll(async () => {
  await withoutDemoWishes();
  // 古城's 第五网格: a washing machine; 平坦垴's own: a rice cooker. Both go to 平坦垴能人库 (by hand if routing chose another).
  W.gucheng = (await submit(APPLIANCE_GC5, 'u-res-li')).wish.id;
  W.ptn = (await submit(APPLIANCE_PTN, 'u-res-ptn')).wish.id;
  for (const id of [W.gucheng, W.ptn]) {
    const wish = (await as('u-admin').get(`/wishes/${id}`)).body.wish;
    if (wish.teamId !== PTN_TEAM)
      await step(wish.gridId === 'g-ptn-1' ? 'u-grid-ptn' : 'u-grid-zhou', id, 'route', { teamId: PTN_TEAM, reason: '能人库有家电维修' });
  }
}, 60_000);

describe('a team serving two communities (融合网格)', () => {
  test('its staff open its numbers to their own community’s wishes only; the others are counted as hidden', async () => {
    const feng = await behind('u-staff-ptn', { scope: 'team', id: PTN_TEAM, figure: 'sendBack', part: 'denominator' });
    expect(feng.ids).toEqual([W.ptn]);
    expect(feng.hidden).toBe(1);
    expect(feng.text).not.toContain(W.gucheng);
  });

  test('its lead sees every wish the team holds, in either community; the operator all', async () => {
    const qian = await behind('u-vol-qian', { scope: 'team', id: PTN_TEAM, figure: 'sendBack', part: 'denominator' });
    expect([qian.ids, qian.hidden]).toEqual([[W.gucheng, W.ptn].sort(), 0]);
    const admin = await behind('u-admin', { scope: 'team', id: PTN_TEAM, figure: 'sendBack', part: 'denominator' });
    expect(admin.ids).toEqual([W.gucheng, W.ptn].sort());
  });
});
