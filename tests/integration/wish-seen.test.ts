import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WishDetail } from '../../shared/schemas/wishes';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { rebuildMonth } from '../../functions/figures/rebuild';
import { getWishPartition, getWishWithTimeline, refreshClock } from '../../functions/data/wishes';
import { as, tokenOf } from '../helpers/api';
import { recordDbCalls } from '../helpers/db-calls';
import { addVolunteers } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { LAMP, submit } from '../helpers/wishes';

useDemoTable();

/**
 * The wish's page hands a volunteer who may claim it the wish as it showed it, sealed (`seen`). Brought back with the write, it spares the read; the transaction's conditions decide whether
 * it still holds, so a copy that is stale, foreign or altered costs a read and never a wrong write.
 */

/** The commands a request made, less GetItems of what its caches had not met yet (a new user, a team). */
const commands = (calls: ReturnType<typeof recordDbCalls>) => calls.calls.map((c) => c.command).filter((c) => c !== 'GetItemCommand');
const errorOf = (res: { status: number; body: any }) => [res.status, res.body.error?.code, res.body.error?.message];

async function pageOf(userId: string, wishId: string): Promise<string> {
  const page = await as(userId).get<WishDetail>(`/wishes/${wishId}`);
  expect(page.status).toBe(200);
  expect(page.body.seen).toEqual(expect.any(String));
  return page.body.seen!;
}

/** A claim with what it sends recorded: the answer and the DynamoDB commands it made. */
async function claimWith(userId: string, wishId: string, body: object) {
  const calls = recordDbCalls();
  try {
    const res = await as(userId).post<WishDetail>(`/wishes/${wishId}/claim`, body);
    return { res, commands: commands(calls) };
  } finally {
    calls.stop();
  }
}

describe('a claim brought with the wish as its page showed it', () => {
  test('200 volunteers, each with the page open, claim at once: one claimant, 199 ALREADY_CLAIMED, one claim stored', async () => {
    const volunteers = await addVolunteers(200, 't-gc-nengren', 'u-vol-seen-race');
    await Promise.all(volunteers.map(tokenOf));
    const { wish } = await submit(LAMP);
    const pages = await Promise.all(volunteers.map((v) => pageOf(v, wish.id)));
    const results = await Promise.all(volunteers.map((v, i) => as(v).post(`/wishes/${wish.id}/claim`, { seen: pages[i] })));

    const winners = volunteers.filter((_, i) => results[i].status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.error.code}`)).toEqual(
      Array(199).fill('409 ALREADY_CLAIMED'),
    );
    const stored = await getWishWithTimeline(wish.id);
    expect(stored?.wish).toMatchObject({ status: 'claimed', claimantId: winners[0] });
    expect(stored?.timeline.filter((e) => e.action === 'claim').map((e) => e.actorId)).toEqual(winners);
  });

  test('a copy the wish has moved past is refused by the transaction itself: ALREADY_CLAIMED with no read', async () => {
    const [first, second] = await addVolunteers(2, 't-gc-nengren', 'u-vol-seen-late');
    const { wish } = await submit(LAMP);
    const [mine, theirs] = [await pageOf(first, wish.id), await pageOf(second, wish.id)];
    expect((await claimWith(first, wish.id, { seen: mine })).res.status).toBe(200);
    const late = await claimWith(second, wish.id, { seen: theirs });
    expect(errorOf(late.res)).toEqual([409, 'ALREADY_CLAIMED', 'another volunteer has already claimed this wish']);
    // No read: the refusal carried the wish as it is (ALL_OLD). The refused write still counts against the limit.
    expect(late.commands).toEqual(['TransactWriteItemsCommand', 'UpdateItemCommand']);
    expect((await getWishWithTimeline(wish.id))?.wish.claimantId).toBe(first);
  });

  test('a copy older than the clock (time moved the wish’s deadline since) is not written back: the claim reads afresh', async () => {
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-seen-clock');
    const { wish } = await submit(LAMP);
    const seen = await pageOf(volunteer, wish.id);
    const read = (await getWishPartition(wish.id))!.wish;
    const escalated = [...read.escalated, 'route#1'];
    expect(await refreshClock(read, { ...read, sla: 'yellow', escalated })).toBe(true);

    const claimed = await claimWith(volunteer, wish.id, { seen });
    expect(claimed.res.status).toBe(200);
    // The copy's transaction failed on the clock stamp; the wish was read again and decided on as it is now.
    expect(claimed.commands).toEqual(['TransactWriteItemsCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    expect((await getWishPartition(wish.id))?.wish).toMatchObject({ claimantId: volunteer, escalated });
  });

  test('a copy older than a figures rebuild that recounted the wish is not counted from: the claim reads afresh', async () => {
    const [volunteer] = await addVolunteers(1, 't-gc-nengren', 'u-vol-seen-rebuild');
    const { wish } = await submit(LAMP);
    const seen = await pageOf(volunteer, wish.id);
    // The record drifted (a lost write, a bug since fixed); the operator's rebuild recounts it from the timeline.
    const key = { PK: `WISH#${wish.id}`, SK: 'FIGURES' };
    const record = (await db().send(new GetCommand({ TableName: tableName(), Key: key }))).Item!;
    const drifted = { ...record.contribution, cells: [] };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...record, contribution: drifted } }));
    expect((await rebuildMonth(record.contribution.month, { write: true })).recounted).toContain(wish.id);

    const claimed = await claimWith(volunteer, wish.id, { seen });
    expect(claimed.res.status).toBe(200);
    expect(claimed.commands).toEqual(['TransactWriteItemsCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
  });

  test('a colleague’s copy, another wish’s copy or an altered one costs a read, never a wrong write', async () => {
    const [owner, other] = await addVolunteers(2, 't-gc-nengren', 'u-vol-seen-foreign');
    const [a, b, c] = [await submit(LAMP), await submit(LAMP), await submit(LAMP)];
    const forOwner = await pageOf(owner, a.wish.id);

    const foreign = await claimWith(other, a.wish.id, { seen: forOwner });
    expect([foreign.res.status, foreign.commands]).toEqual([200, ['QueryCommand', 'TransactWriteItemsCommand']]);

    // Another wish's copy, and a copy with one character changed: read afresh, the wish written is the stored one.
    const another = await claimWith(owner, b.wish.id, { seen: await pageOf(owner, c.wish.id) });
    expect([another.res.status, another.commands]).toEqual([200, ['QueryCommand', 'TransactWriteItemsCommand']]);
    const seen = await pageOf(owner, c.wish.id);
    const altered = `${seen.slice(0, 40)}${seen[40] === 'A' ? 'B' : 'A'}${seen.slice(41)}`;
    const tampered = await claimWith(owner, c.wish.id, { seen: altered });
    expect([tampered.res.status, tampered.commands]).toEqual([200, ['QueryCommand', 'TransactWriteItemsCommand']]);
    expect((await getWishPartition(c.wish.id))?.wish).toMatchObject({ description: LAMP.description, claimantId: owner });
  });

  test('the copy is offered only to who may use it, and a body carrying more than a copy can be is refused', async () => {
    const { wish } = await submit(LAMP);
    expect((await as('u-res-li').get<WishDetail>(`/wishes/${wish.id}`)).body.seen).toBeUndefined();
    expect((await as('u-grid-sun').get<WishDetail>(`/wishes/${wish.id}`)).body.seen).toBeUndefined();
    const tooLong = await as('u-vol-zhang').post(`/wishes/${wish.id}/claim`, { seen: 'x'.repeat(12_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect(tooLong.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.seen']);
  });
});
