import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { taskDueAt } from '../../../shared/domain/council/clock';
import { CouncilTask } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import { db } from '../db';
import { dueKeys } from '../due';
import { TryAgain } from '../retry';
import { cancellationCodes, isCancelled, isConflict, unexpectedCancellation, type TransactItem } from '../transactions';

/**
 * A council task lives in its topic's partition (`TOPIC#<topic>` / `TASK#<n>`), so the topic's detail reads its
 * tasks with it; its id `<topicId>_<n>` names both, so `POST /council/tasks/{id}/done` needs no index. An open
 * staff task carries its due time on GSI4 until it is finished or reported late once.
 */
export const TASK_PREFIX = 'TASK#';
export const taskIdOf = (topicId: string, n: number): string => `${topicId}_${n}`;
export const topicOfTask = (taskId: string): { topicId: string; n: number } => {
  const at = taskId.lastIndexOf('_');
  return { topicId: taskId.slice(0, at), n: Number(taskId.slice(at + 1)) };
};
const taskKey = (taskId: string) => {
  const { topicId, n } = topicOfTask(taskId);
  return { PK: `TOPIC#${topicId}`, SK: `${TASK_PREFIX}${String(n).padStart(3, '0')}` };
};

const taskItem = (t: CouncilTask) => ({ ...taskKey(t.id), type: 'councilTask', ...t, ...dueKeys(taskDueAt(t), 'council_task', t.id) });

export const parseTask = (item: Record<string, unknown>): CouncilTask => CouncilTask.parse(item);

/** AP: a task by id, consistent. */
export async function getTask(id: string): Promise<CouncilTask | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: taskKey(id), ConsistentRead: true }));
  return out.Item ? parseTask(out.Item) : null;
}

/** A new task, once, in the transaction that counts it on its topic. */
export const taskPut = (t: CouncilTask): TransactItem => ({
  Put: { TableName: tableName(), Item: taskItem(t), ConditionExpression: 'attribute_not_exists(PK)' },
});

/** A task changed only from the version read (finished, warned). */
export const taskPutIfUnchanged = (previous: CouncilTask, next: CouncilTask): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: taskItem(next),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': previous.version },
  },
});

/** AP: a task changed on its own (the clock's late warning), with its notifications; a race is a TryAgain. */
export async function saveTask(previous: CouncilTask, next: CouncilTask, extra: TransactItem[] = []): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [taskPutIfUnchanged(previous, next), ...extra] }));
  } catch (error) {
    if (!isCancelled(error)) throw error;
    if (isConflict(cancellationCodes(error))) throw new TryAgain('the task changed since it was read');
    throw unexpectedCancellation(error);
  }
}
