import { randomUUID } from 'node:crypto';
import { freePort } from '../processes';
import { LOCAL_AWS_ENV, startLocalDynamo } from '../local-dynamodb';
import { LOCAL_RUNNER_ENV } from '../local-env';
import { benchEnv, type Items, measurer, printComparison } from './measure';

/**
 * `npm run bench` (wishes part): 20 concurrent clients post wishes, then 20 volunteers claim wishes routed to their
 * team (each a different wish; first from the wish's page, with the copy it showed, then from the inbox), through the whole handler stack (middy, auth, validation, the wish service) on
 * DynamoDB Local, beside raw DynamoDB calls of the same items through the SDK alone, at the same concurrency, in
 * the same run: the floor. A post's floor is its one TransactWriteItems (the wish, its events, the key's record,
 * the post log, the open-wish count, the write-limit count, the notices, the figures); a claim's is its one
 * TransactWriteItems (the wish on its version, the event, the loads under their caps, the figures, the notices,
 * the write-limit count), built before the clock starts. Prints operations per second, p50/p99, their ratio to
 * the floor (target ≤ 1.5) and the read and write capacity each operation consumed, every call counted
 * (ReturnConsumedCapacity TOTAL).
 *
 * Like a function's container in use, the stack has seen the building, category and teams (a post by each
 * resident and a claim by each volunteer before the measured runs) and the users (signed in); the user cache (5 s)
 * expires and is read again during the run. The floor builds its items with the data layer's own pieces
 * (functions/data), each of which exists since before issue 17, so the same script measures an older tree too.
 */
const CLIENTS = 20;
const PER_CLIENT = 10;
async function main(): Promise<void> {
  const dynamo = await startLocalDynamo({ port: await freePort() });
  Object.assign(process.env, LOCAL_AWS_ENV, LOCAL_RUNNER_ENV, {
    ...benchEnv(dynamo.endpoint),
    // Every resident posts PER_CLIENT + 1 wishes within the hour: a limit just above, counted by the post log.
    LIMIT_WISHES_PER_HOUR: String(PER_CLIENT + 2),
    LIMIT_OPEN_WISHES: '1000',
  });
  try {
    // Loaded only now, so every module sees the bench's table and endpoint.
    const { ensureTable } = await import('../table');
    const { localClient } = await import('../local-dynamodb');
    const { seedDemoData } = await import('../seed');
    const { TEAMS } = await import('../demo-data');
    const { request, tokenOf } = await import('../../tests/helpers/api');
    const { addResidents, addVolunteers } = await import('../../tests/helpers/people');
    const { tableName } = await import('../../functions/config');
    const { getUser } = await import('../../functions/data/users');
    const { getTeam, putTeam } = await import('../../functions/data/teams');
    const { categoryIn, getPlace } = await import('../../functions/data/places');
    const { clockContext } = await import('../../functions/data/settings');
    const { idempotencyPut } = await import('../../functions/data/idempotency');
    const { openWishesIncrement } = await import('../../functions/data/rate-limits');
    const { notificationWrites } = await import('../../functions/data/notifications');
    const { newWishFigures, transitionFigures, withFigureFacts } = await import('../../functions/data/figures');
    const { loadWrites } = await import('../../functions/data/loads');
    const { getWish, wishEventPut, wishPutIfUnchanged } = await import('../../functions/data/wishes');
    const { rankFor, automatic, membersToTell, managersAt } = await import('../../functions/wishes/routing');
    const { newWish } = await import('../../shared/domain/wish-create');
    const { noticesFor } = await import('../../shared/domain/wish-notify');
    const { applyAction } = await import('../../shared/domain/wish-transition');

    const { run, transactRaw } = await measurer(CLIENTS);
    /** Jobs by client, interleaved: the first CLIENTS jobs are one per client, so no client runs two at once. */
    const interleave = <T>(perClient: T[][]): T[] => Array.from({ length: PER_CLIENT }, (_, j) => perClient.map((jobs) => jobs[j])).flat();

    /** The per-minute write count, as one item of a transaction (as the handler counts it: rate-limits.ts). */
    const writeCount = (userId: string, now: Date): Items[number] => {
      const start = Math.floor(now.getTime() / 60_000) * 60_000;
      return {
        Update: {
          TableName: tableName(),
          Key: { PK: `LIMIT#${userId}#writes#${start}`, SK: 'LIMIT' },
          UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': 100_000, ':ttl': Math.floor(start / 1000) + 86_400 },
        },
      };
    };
    /** The post log of a resident (the last N post times, shifted; rate-limits.ts), as one item of a transaction. */
    const postLog = (residentId: string, now: Date): Items[number] => {
      const n = PER_CLIENT + 2;
      const h = (i: number) => `#h${i}`;
      return {
        Update: {
          TableName: tableName(),
          Key: { PK: `LIMIT#${residentId}#floor-posts`, SK: 'LIMIT' },
          UpdateExpression: `SET ${[...Array.from({ length: n - 1 }, (_, i) => `${h(i)} = if_not_exists(${h(i + 1)}, :zero)`), `${h(n - 1)} = :now`].join(', ')}`,
          ConditionExpression: `attribute_not_exists(${h(0)}) OR ${h(0)} <= :hourAgo`,
          ExpressionAttributeNames: Object.fromEntries(Array.from({ length: n }, (_, i) => [h(i), `h${i}`])),
          ExpressionAttributeValues: { ':zero': 0, ':now': now.getTime(), ':hourAgo': now.getTime() - 3_600_000 },
        },
      };
    };

    await ensureTable(localClient(dynamo.endpoint), process.env.TABLE_NAME!);
    await seedDemoData();
    // Room on the teams: the bench's volunteers hold many claims at once.
    await Promise.all(TEAMS.map((t) => putTeam({ ...t, teamCap: 100_000, memberCap: 10_000 })));
    const LAMP = { description: '楼道的灯坏了好几天了,晚上看不见台阶', category: 'cat-electric', buildingId: 'b-gc-1' };

    const posters = await addResidents(CLIENTS, 'bench-post');
    const floorPosters = await addResidents(CLIENTS, 'bench-floor-post');
    const claimOwners = await addResidents(CLIENTS * 3, 'bench-owner');
    const warmOwners = await addResidents(CLIENTS, 'bench-warm-owner');
    const volunteers = await addVolunteers(CLIENTS, 't-gc-nengren', 'u-vol-bench');
    const floorVolunteers = await addVolunteers(CLIENTS, 't-gc-nengren', 'u-vol-bench-floor');
    const tokens = new Map(
      await Promise.all([...posters, ...claimOwners, ...warmOwners, ...volunteers].map(async (u) => [u, await tokenOf(u)] as const)),
    );
    const post = async (who: string, key: string) => {
      const res = await request('POST', '/wishes', { token: tokens.get(who), body: LAMP, headers: { 'Idempotency-Key': key } });
      if (res.status !== 201) throw new Error(`post answered ${res.status}: ${res.text}`);
      return res.body.wish.id as string;
    };
    // A claim from the wish's page hands back the copy the page showed (`seen`); one from the inbox has none.
    const pages = new Map<string, string | undefined>();
    const claim = async (who: string, id: string) => {
      const res = await request('POST', `/wishes/${id}/claim`, { token: tokens.get(who), body: { seen: pages.get(id) } });
      if (res.status !== 200) throw new Error(`claim answered ${res.status}: ${res.text}`);
    };

    // Wishes to claim: PER_CLIENT for each volunteer from the page and from the inbox, and for each floor
    // volunteer, posted (and the pages read) before the clock starts.
    const toClaim: string[] = [];
    const fromInbox: string[] = [];
    const floorToClaim: string[] = [];
    for (let i = 0; i < claimOwners.length; i++) {
      const into = i < CLIENTS ? toClaim : i < CLIENTS * 2 ? fromInbox : floorToClaim;
      for (let j = 0; j < PER_CLIENT; j++) into.push(await post(claimOwners[i], `bench-own-${i}-${j}`));
    }
    for (const [i, v] of volunteers.entries()) {
      for (const id of toClaim.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT)) {
        pages.set(id, (await request('GET', `/wishes/${id}`, { token: tokens.get(v) })).body.seen);
      }
    }
    // Warm the stack as a container in use is: a post by each resident, a claim by each volunteer.
    for (const p of posters) await post(p, `bench-warm-${p}`);
    for (const [i, v] of volunteers.entries()) await claim(v, await post(warmOwners[i], `bench-warm-${v}`));

    // Posts through the stack.
    const posted = await run(
      interleave(
        posters.map((p, i) => Array.from({ length: PER_CLIENT }, (_, j) => () => post(p, `bench-${i}-${j}`).then(() => undefined))),
      ),
    );

    // The floor's posts: the same items, built by the same pieces, for other residents.
    const [building, category] = await Promise.all([getPlace(LAMP.buildingId), categoryIn(LAMP.category, 'c-gucheng')]);
    const postFloorJobs = await Promise.all(
      interleave(
        floorPosters.map((r, i) =>
          Array.from({ length: PER_CLIENT }, async (_, j) => {
            const now = new Date();
            const owner = (await getUser(r))!;
            const clock = await clockContext(now, owner.home!.streetId);
            const ranked = await rankFor(
              { category: category!.id, gridId: building!.gridId!, communityId: building!.communityId!, sentBackBy: [] },
              clock,
              category,
            );
            const chosen = automatic(ranked)!;
            const { wish, events } = newWish({
              id: randomUUID(),
              now: now.toISOString(),
              owner,
              filer: null,
              building: building as Parameters<typeof newWish>[0]['building'],
              category: category!,
              kind: 'wish',
              description: LAMP.description,
              flat: undefined,
              urgency: 'normal',
              shared: false,
              route: chosen,
              clock,
            } as Parameters<typeof newWish>[0]);
            const figures = newWishFigures(wish, events);
            const put = wishPutIfUnchanged(0, wish).Put!;
            const notices = noticesFor(null, wish, events.at(-1)!, {
              teamMembers: membersToTell(chosen.team, category!.skill, clock),
              managers: [],
            });
            const items: Items = [
              {
                Put: {
                  TableName: put.TableName,
                  Item: { ...put.Item, version: wish.version },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...figures.events.map((e) => wishEventPut(wish.id, e)),
              idempotencyPut(owner.id, `floor-${i}-${j}`, 'hash', wish.id, now),
              postLog(owner.id, now),
              openWishesIncrement(owner.id),
              writeCount(owner.id, now),
              ...notificationWrites(notices, now.toISOString()),
              ...figures.items,
            ];
            return () => transactRaw(items);
          }),
        ),
      ),
    );
    const postFloor = await run(postFloorJobs);

    // Claims through the stack: each volunteer claims PER_CLIENT wishes of their own (no two on one wish), from
    // their pages, then PER_CLIENT more from the inbox.
    const claimsOf = (ids: string[]) =>
      interleave(volunteers.map((v, i) => ids.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT).map((id) => () => claim(v, id))));
    const claimed = await run(claimsOf(toClaim));
    const claimedFromInbox = await run(claimsOf(fromInbox));

    // The floor's claims: the transaction a claim writes, built from the wish as read, before the clock starts.
    const team = (await getTeam('t-gc-nengren'))!;
    const claimFloorJobs = await Promise.all(
      interleave(
        floorVolunteers.map((v, i) =>
          floorToClaim.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT).map(async (id) => {
            const now = new Date();
            const [actor, wish] = await Promise.all([getUser(v), getWish(id)]);
            const clock = await clockContext(now, wish!.streetId);
            const next = applyAction(wish!, { action: 'claim', body: {}, actor: actor!, now: now.toISOString(), clock });
            const event = withFigureFacts(wish!, next.wish, next.event);
            const notices = noticesFor(wish!, next.wish, next.event, {
              teamMembers: membersToTell(team, category!.skill, clock),
              managers: await managersAt(next.wish),
            });
            const items: Items = [
              { Put: { ...wishPutIfUnchanged(wish!.version, next.wish).Put! } },
              wishEventPut(id, event),
              ...loadWrites(wish!, next.wish, { teamCap: team.teamCap, memberCap: team.memberCap }).items,
              writeCount(v, now),
              ...notificationWrites(notices, now.toISOString()),
              ...(await transitionFigures(wish!, next.wish, event, [])),
            ];
            return () => transactRaw(items);
          }),
        ),
      ),
    );
    const claimFloor = await run(claimFloorJobs);

    printComparison('wish post', 'posts', CLIENTS, ['handler stack (POST /wishes)', posted], ['floor: raw TransactWriteItems', postFloor]);
    printComparison(
      'claim from the wish page',
      'claims',
      CLIENTS,
      ['handler stack (POST /wishes/{id}/claim, seen)', claimed],
      ['floor: raw TransactWriteItems', claimFloor],
    );
    printComparison(
      'claim from the inbox',
      'claims',
      CLIENTS,
      ['handler stack (POST /wishes/{id}/claim, no copy)', claimedFromInbox],
      ['floor: raw TransactWriteItems', claimFloor],
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
