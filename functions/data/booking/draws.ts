import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Id } from '../../../shared/schemas/common';
import { PublicNumber, StoredDraw } from '../../../shared/schemas/draws';
import { tableName } from '../../config';
import { db } from '../db';
import { slotOwner } from './slots';
import { isConditionFailed } from '../transactions';

/** A slot's draw, in the slot's partition (`SLOT#<slot>` / `DRAW`): written once; a witnessed one is completed once (committed → drawn). */
const drawKey = (slotId: string) => ({ PK: slotOwner(slotId), SK: 'DRAW' });

/** AP: the draw of a ballot slot. */
export async function getDraw(slotId: string): Promise<StoredDraw | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: drawKey(slotId), ConsistentRead: true }));
  return out.Item ? StoredDraw.parse(out.Item) : null;
}

/** Records a draw once: false when one is there already (a concurrent run drew the same). */
export async function putDraw(draw: StoredDraw): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...drawKey(draw.slotId), type: 'draw', ...draw },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** A draw made from its inputs: the seed and the ranks, once (only from `committed`); false if another run made it first. */
export async function completeDraw(
  slotId: string,
  done: Pick<StoredDraw, 'seed' | 'seedInput' | 'path' | 'witnesses' | 'publicNumber' | 'redrawNumber' | 'entries' | 'drawnAt'>,
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: drawKey(slotId),
        UpdateExpression:
          'SET #status = :drawn, seed = :seed, seedInput = :input, #path = :path, witnesses = :w, publicNumber = :p, redrawNumber = :r, entries = :e, drawnAt = :at',
        ConditionExpression: '#status = :committed',
        ExpressionAttributeNames: { '#status': 'status', '#path': 'path' },
        ExpressionAttributeValues: {
          ':drawn': 'drawn',
          ':committed': 'committed',
          ':seed': done.seed,
          ':input': done.seedInput,
          ':path': done.path,
          ':w': done.witnesses,
          ':p': done.publicNumber,
          ':r': done.redrawNumber,
          ':e': done.entries,
          ':at': done.drawnAt,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** A witness's commitment and reveal (`SLOT#<slot>` / `DRAWW#<user>`), and the public number (`DRAWPUB`). */
export const WitnessInput = z.object({
  userId: Id,
  commitment: z.string(),
  committedAt: z.string(),
  secret: z.string().nullable(),
  revealedAt: z.string().nullable(),
});
export type WitnessInput = z.infer<typeof WitnessInput>;

/** AP: the inputs of a slot's draw so far (the re-draw's public number is `DRAWPUB#redraw`). */
export async function drawInputs(
  slotId: string,
): Promise<{ witnesses: Map<string, WitnessInput>; publicNumber: PublicNumber | null; redrawNumber: PublicNumber | null }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :draw)',
      ExpressionAttributeValues: { ':pk': slotOwner(slotId), ':draw': 'DRAW' },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  const witnesses = new Map(
    items
      .filter((i) => String(i.SK).startsWith('DRAWW#'))
      .map((i) => WitnessInput.parse(i))
      .map((w) => [w.userId, w] as const),
  );
  const pub = items.find((i) => i.SK === 'DRAWPUB');
  const redraw = items.find((i) => i.SK === 'DRAWPUB#redraw');
  return { witnesses, publicNumber: pub ? PublicNumber.parse(pub) : null, redrawNumber: redraw ? PublicNumber.parse(redraw) : null };
}

/** Records a commitment once; false if the witness has one already. */
export async function putCommitment(slotId: string, userId: string, commitment: string, at: string): Promise<boolean> {
  return putOnce({
    PK: slotOwner(slotId),
    SK: `DRAWW#${userId}`,
    type: 'drawWitness',
    userId,
    commitment,
    committedAt: at,
    secret: null,
    revealedAt: null,
  });
}

/** Records a reveal once, on a commitment that has none yet; false if there is none to fill. */
export async function putReveal(slotId: string, userId: string, secret: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: slotOwner(slotId), SK: `DRAWW#${userId}` },
        UpdateExpression: 'SET secret = :s, revealedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND secret = :null',
        ExpressionAttributeValues: { ':s': secret, ':at': at, ':null': null },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Records the public number (or the re-draw's) once; false if it was entered already. */
export const putPublicNumber = (slotId: string, p: PublicNumber, round: 'first' | 'redraw' = 'first'): Promise<boolean> =>
  putOnce({ PK: slotOwner(slotId), SK: round === 'first' ? 'DRAWPUB' : 'DRAWPUB#redraw', type: 'drawPublicNumber', ...p });

async function putOnce(item: Record<string, unknown>): Promise<boolean> {
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** The witnesses' reminder is sent once: false if another run marked it first. */
export async function markReminded(slotId: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: drawKey(slotId),
        UpdateExpression: 'SET remindedAt = :at',
        ConditionExpression: '#status = :committed AND (attribute_not_exists(remindedAt) OR remindedAt = :null)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': at, ':committed': 'committed', ':null': null },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
