import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isAwaitingClaim, isAwaitingTriage, isHeldByClaimant, isOpen } from '../../shared/domain/wish-machine';
import { isOnWall } from '../../shared/domain/wish-view';
import { Wish, WishEvent } from '../../shared/schemas/wishes';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { openWishesDecrement } from './rate-limits';
import { cancellationCodes, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from './transactions';
import type { Source } from './pagination';

const wishKey = (id: string) => ({ PK: `WISH#${id}`, SK: 'WISH' });
const eventKey = (id: string, seq: number) => ({ PK: `WISH#${id}`, SK: `EVENT#${String(seq).padStart(6, '0')}` });

/**
 * The index entries of a wish follow from its state, so every write puts the whole item and the
 * queues (triage, a team's inbox, a volunteer's claims) can never disagree with the status.
 */
export function wishIndexKeys(w: Wish): Record<string, string> {
  const keys: Record<string, string> = { GSI1PK: `OWNER#${w.ownerId}`, GSI1SK: `${w.createdAt}#${w.id}` };
  if (isAwaitingTriage(w.status)) {
    Object.assign(keys, {
      GSI2PK: `TRIAGE#GRID#${w.gridId}`,
      GSI2SK: `${w.createdAt}#${w.id}`,
      GSI3PK: `TRIAGE#COMMUNITY#${w.communityId}`,
      GSI3SK: `${w.createdAt}#${w.id}`,
    });
  } else if (isAwaitingClaim(w.status) && w.teamId) {
    // Urgent first, then the longest waiting.
    Object.assign(keys, { GSI2PK: `OPEN#TEAM#${w.teamId}`, GSI2SK: `${w.urgency === 'urgent' ? 0 : 1}#${w.updatedAt}#${w.id}` });
  } else if (isOnWall(w)) {
    Object.assign(keys, { GSI2PK: `WALL#${w.communityId}`, GSI2SK: `${w.updatedAt}#${w.id}` });
  }
  if (w.claimantId) {
    // Active claims first, then finished ones.
    Object.assign(keys, {
      GSI3PK: `CLAIMANT#${w.claimantId}`,
      GSI3SK: `${isHeldByClaimant(w.status) ? 'A' : 'Z'}#${w.updatedAt}#${w.id}`,
    });
  }
  return keys;
}

const wishItem = (w: Wish) => ({ ...wishKey(w.id), type: 'wish', ...w, ...wishIndexKeys(w) });
const eventPut = (wishId: string, e: WishEvent) => ({
  Put: {
    TableName: tableName(),
    Item: { ...eventKey(wishId, e.seq), type: 'wishEvent', wishId, ...e },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** AP: get a wish by id. */
export async function getWish(id: string): Promise<Wish | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: wishKey(id), ConsistentRead: true }));
  return out.Item ? Wish.parse(out.Item) : null;
}

/** AP: a wish with its timeline, in one Query of the wish's partition. */
export async function getWishWithTimeline(id: string): Promise<{ wish: Wish; timeline: WishEvent[] } | null> {
  let wish: Wish | null = null;
  const timeline: WishEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': wishKey(id).PK },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.SK === 'WISH') wish = Wish.parse(item);
      else timeline.push(WishEvent.parse(item));
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return wish ? { wish, timeline } : null;
}

/** Puts a new wish with its first events, plus any extra guarded items (limits, an idempotency record), atomically. */
export async function createWish(wish: Wish, events: WishEvent[], extra: TransactItem[] = []) {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: wishItem(wish), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...events.map((e) => eventPut(wish.id, e)),
        ...extra,
      ],
    }),
  );
}

export class StaleWishError extends Error {
  constructor(readonly reasons: string[]) {
    super('the wish changed since it was read');
  }
}

/**
 * Saves a transition only if nobody changed the wish since `previous` was read, with its event, and the
 * owner's open-wish count when the wish ends. A conflict on the wish is a StaleWishError (re-read and
 * decide again); any other cancellation is not a stale read and is not dressed up as one.
 */
export async function saveTransition(previous: Wish, wish: Wish, event: WishEvent): Promise<void> {
  const ends = isOpen(previous.status) && !isOpen(wish.status);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: wishItem(wish),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': previous.version },
            },
          },
          eventPut(wish.id, event),
          ...(ends ? [openWishesDecrement(wish.ownerId)] : []),
        ],
      }),
    );
  } catch (error) {
    if (!isCancelled(error)) throw error;
    const codes = cancellationCodes(error);
    // The event's own condition failing alone would mean a stored event ahead of the wish: not a race.
    const raced = isConflict(codes) && (codes[0] !== 'None' || codes.includes('TransactionConflict'));
    throw raced ? new StaleWishError(codes) : unexpectedCancellation(error);
  }
}

const wishSource = (index: Source<Wish>['index'], partitions: string[], forward: boolean): Source<Wish> => ({
  index,
  partitions,
  forward,
  item: Wish,
});

/** AP: a resident's wishes, newest first (GSI1 OWNER#user). */
export const byOwner = (userId: string) => wishSource(INDEX.gsi1, [`OWNER#${userId}`], false);
/** AP: wishes waiting for triage in some grids, oldest first (GSI2 TRIAGE#GRID#grid). */
export const triageOfGrids = (gridIds: string[]) => wishSource(INDEX.gsi2, gridIds.map((g) => `TRIAGE#GRID#${g}`), true);
/** AP: wishes waiting for triage in some communities, oldest first (GSI3 TRIAGE#COMMUNITY#community). */
export const triageOfCommunities = (ids: string[]) => wishSource(INDEX.gsi3, ids.map((c) => `TRIAGE#COMMUNITY#${c}`), true);
/** AP: wishes routed to some teams and not claimed, urgent then oldest (GSI2 OPEN#TEAM#team). */
export const openForTeams = (teamIds: string[]) => wishSource(INDEX.gsi2, teamIds.map((t) => `OPEN#TEAM#${t}`), true);
/** AP: a volunteer's claims, active first (GSI3 CLAIMANT#user). */
export const claimsOf = (userId: string) => wishSource(INDEX.gsi3, [`CLAIMANT#${userId}`], true);
/** AP: a community's fulfilled wishes, newest first, for the public wall (GSI2 WALL#community). */
export const wallOf = (communityId: string) => wishSource(INDEX.gsi2, [`WALL#${communityId}`], false);
