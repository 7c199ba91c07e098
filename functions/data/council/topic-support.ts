import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CouncilStep } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import { db } from '../db';
import type { TransactItem } from '../transactions';
import { topicKey, type TopicSupport } from './topics';

/**
 * AP: a resident's own support of a topic, straight to one transaction with no read first: the supporter item
 * (`attribute_not_exists`: once per person), `ADD supporters 1` on the topic only while it is collecting, in the
 * resident's own community and not their own proposal (every rule the first look checks, as conditions), and the
 * caller's write-limit count. Throws the cancellation as it is: the caller reads why (supportTopic's checks).
 * Same items as addSupport (topics.ts), whose supporter key this repeats.
 */
export async function supportAsResident(items: TransactItem[]): Promise<void> {
  await db().send(new TransactWriteCommand({ TransactItems: items }));
}

/** The items of supportAsResident's transaction, in order (the reasons of a refusal are read by position). */
export function supportItems(s: TopicSupport, communityId: string, writeLimit: TransactItem): TransactItem[] {
  const collecting: CouncilStep = 'collecting';
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { PK: `TOPICSUP#${s.topicId}`, SK: `USER#${s.userId}`, type: 'topicSupport', ...s },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: topicKey(s.topicId),
        UpdateExpression: 'ADD supporters :one',
        ConditionExpression: '#step = :collecting AND communityId = :community AND proposerId <> :me',
        ExpressionAttributeNames: { '#step': 'step' },
        ExpressionAttributeValues: { ':one': 1, ':collecting': collecting, ':community': communityId, ':me': s.userId },
      },
    },
    writeLimit,
  ];
}
