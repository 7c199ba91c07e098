import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveClaim } from '../../shared/domain/wish-machine';
import type { TeamLoad } from '../../shared/schemas/teams';
import type { Wish } from '../../shared/schemas/wishes';
import { tableName } from '../config';
import { db } from './db';
import type { TransactItem } from './transactions';

/**
 * How many claims a team and each of its members hold open (claimed or in progress): one item per team,
 * `active` and `m_<userId>` counters, changed in the transaction of the transition that changes them, so
 * they never drift from the wishes. Separate from the team item, so editing a team never resets them.
 */
const loadKey = (teamId: string) => ({ PK: `LOAD#${teamId}`, SK: 'LOAD' });
const memberAttr = (userId: string) => `m_${userId}`;

type Holder = { teamId: string; userId: string } | null;
const holder = (w: Pick<Wish, 'status' | 'teamId' | 'claimantId'>): Holder =>
  isActiveClaim(w.status) && w.teamId && w.claimantId ? { teamId: w.teamId, userId: w.claimantId } : null;

function change(h: NonNullable<Holder>, delta: 1 | -1, caps?: { teamCap: number; memberCap: number }): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: loadKey(h.teamId),
      UpdateExpression: 'ADD active :d, #m :d SET #t = :type',
      ExpressionAttributeNames: { '#m': memberAttr(h.userId), '#t': 'type' },
      ExpressionAttributeValues: {
        ':d': delta,
        ':type': 'teamLoad',
        ...(caps ? { ':teamCap': caps.teamCap, ':memberCap': caps.memberCap } : {}),
      },
      ...(caps
        ? { ConditionExpression: '(attribute_not_exists(active) OR active < :teamCap) AND (attribute_not_exists(#m) OR #m < :memberCap)' }
        : {}),
    },
  };
}

/**
 * The load changes a transition makes: −1 for the claim it ends, +1 for the claim it opens (with the caps
 * when given: a claim). `cappedAt`: the position, among these items, of the one whose condition is a cap.
 */
export function loadWrites(
  previous: Wish,
  next: Wish,
  caps?: { teamCap: number; memberCap: number },
): { items: TransactItem[]; cappedAt: number | null } {
  const before = holder(previous);
  const after = holder(next);
  if (before?.teamId === after?.teamId && before?.userId === after?.userId) return { items: [], cappedAt: null };
  const items: TransactItem[] = [];
  if (before) items.push(change(before, -1));
  if (after) items.push(change(after, 1, caps));
  return { items, cappedAt: after && caps ? items.length - 1 : null };
}

/** AP: the loads of some teams (BatchGetItem of their LOAD items); a team nobody has claimed for carries none. */
export async function loadsOf(teamIds: readonly string[]): Promise<Map<string, TeamLoad>> {
  const loads = new Map<string, TeamLoad>(teamIds.map((id) => [id, { active: 0, members: {} }]));
  for (let i = 0; i < teamIds.length; i += 100) {
    const keys = teamIds.slice(i, i + 100).map(loadKey);
    const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of out.Responses?.[tableName()] ?? []) {
      const teamId = String(item.PK).slice('LOAD#'.length);
      const members = Object.fromEntries(
        Object.entries(item)
          .filter(([k]) => k.startsWith('m_'))
          .map(([k, v]) => [k.slice(2), Number(v)]),
      );
      loads.set(teamId, { active: Number(item.active ?? 0), members });
    }
  }
  return loads;
}
