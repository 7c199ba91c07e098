import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoredDraw } from '../../../shared/schemas/draws';
import { tableName } from '../../config';
import { db } from '../db';
import { slotOwner } from './slots';
import { isConditionFailed } from '../transactions';

/** A slot's draw, in the slot's partition (`SLOT#<slot>` / `DRAW`): written once, never changed. */
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
