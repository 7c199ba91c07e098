import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { WishDetail } from '../../shared/schemas/wishes';
import { tableName } from '../../functions/config';
import { db } from '../../functions/data/db';
import { getWishWithTimeline } from '../../functions/data/wishes';
import { as, request, tokenOf } from '../helpers/api';
import { addVolunteers } from '../helpers/people';
import { useDemoTable } from '../helpers/table';
import { LAMP, OWNER, submit } from '../helpers/wishes';

useDemoTable();

describe('racing for the same wish', () => {
  test('50 volunteers claim one wish at once: one wins, 49 are told it is taken, and the wish names the winner', async () => {
    const volunteers = await addVolunteers(50, 't-gc-nengren');
    await Promise.all(volunteers.map(tokenOf));
    const { wish } = await submit();
    const results = await Promise.all(volunteers.map((v) => as(v).post(`/wishes/${wish.id}/claim`)));

    const winners = results.flatMap((r, i) => (r.status === 200 ? [volunteers[i]] : []));
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(49);
    expect(losers.every((r) => r.status === 409 && r.body.error.code === 'ALREADY_CLAIMED')).toBe(true);

    const stored = await getWishWithTimeline(wish.id);
    expect(stored?.wish).toMatchObject({ status: 'claimed', claimantId: winners[0], version: 3 });
    expect(stored?.timeline.filter((e) => e.action === 'claim')).toHaveLength(1);
    expect(stored?.timeline.find((e) => e.action === 'claim')?.actorId).toBe(winners[0]);
  });
});

describe('retrying a submit', () => {
  test('20 concurrent submits with one Idempotency-Key leave exactly one wish, and all answer with it', async () => {
    const key = 'retry-key-0001';
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        as('u-res-ptn').post<WishDetail>('/wishes', { ...LAMP, buildingId: 'b-ptn-1' }, { headers: { 'Idempotency-Key': key } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(results.map((r) => r.body.wish.id));
    expect(ids.size).toBe(1);

    const owned = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OWNER#u-res-ptn' },
      }),
    );
    expect(owned.Items?.filter((i) => i.type === 'wish')).toHaveLength(1);
    const [id] = ids;
    const stored = await getWishWithTimeline(id);
    expect(stored?.timeline.filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  test('the same key with a different wish is refused instead of silently returning the first', async () => {
    const headers = { 'Idempotency-Key': 'retry-key-0002' };
    expect((await as(OWNER).post('/wishes', LAMP, { headers })).status).toBe(201);
    const changed = await as(OWNER).post('/wishes', { ...LAMP, description: '另一件事:水管漏水了' }, { headers });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('keys belong to one user: another resident using the same key gets their own wish', async () => {
    const headers = { 'Idempotency-Key': 'shared-key-0003' };
    const a = await as(OWNER).post('/wishes', LAMP, { headers });
    const b = await as('u-res-wang').post('/wishes', { ...LAMP, buildingId: 'b-gc-3' }, { headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.wish.id).not.toBe(b.body.wish.id);
    expect(b.body.wish.ownerId).toBe('u-res-wang');
  });

  test('a malformed Idempotency-Key is a validation error', async () => {
    const res = await request('POST', '/wishes', { token: await tokenOf(OWNER), body: LAMP, headers: { 'Idempotency-Key': 'x y' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('headers.idempotency-key');
  });
});
