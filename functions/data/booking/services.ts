import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nextMaterialiseAt } from '../../../shared/domain/booking/schedule';
import type { Page } from '../../../shared/schemas/common';
import { Service } from '../../../shared/schemas/services';
import { tableName } from '../../config';
import { db, INDEX } from '../db';
import { readAll, readPage, type Source } from '../pagination';
import { timerPut } from '../timers';

/** A bookable service of a community, with its rules and weekly schedule; its slots are items of their own. */
export const serviceOwner = (id: string) => `SERVICE#${id}`;
const serviceKey = (id: string) => ({ PK: serviceOwner(id), SK: 'SERVICE' });
const order = (n: number) => String(n).padStart(6, '0');

const serviceItem = (s: Service) => ({
  ...serviceKey(s.id),
  type: 'service',
  ...s,
  GSI1PK: `SERVICES#${s.communityId}`,
  GSI1SK: `${order(s.order)}#${s.id}`,
});

/** The daily timer that opens the service's next slots as its booking window moves on. */
const slotsTimer = (s: Service, nowMs: number) => timerPut(serviceOwner(s.id), 'service_slots', s.id, nextMaterialiseAt(nowMs));

/** AP: a service by id. */
export async function getService(id: string): Promise<Service | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: serviceKey(id), ConsistentRead: true }));
  return out.Item ? Service.parse(out.Item) : null;
}

/** AP: the services of some communities, in display order (GSI1 `SERVICES#<community>`). */
export const servicesOf = (communityIds: readonly string[]): Source<Service> => ({
  index: INDEX.gsi1,
  partitions: communityIds.map((c) => `SERVICES#${c}`),
  forward: true,
  item: Service,
});

export const servicePage = (communityIds: readonly string[], cursor?: string, limit?: number): Promise<Page<Service>> =>
  readPage([servicesOf(communityIds)], cursor, limit);

/** AP: every service of a community (a roster, a team's services): a few dozen at most. */
export const allServicesOf = (communityId: string): Promise<Service[]> => readAll(servicesOf([communityId]), 500);

/** A new service and its daily timer, once (`attribute_not_exists`). */
export async function createService(s: Service, nowMs: number): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: serviceItem(s), ConditionExpression: 'attribute_not_exists(PK)' } },
        slotsTimer(s, nowMs),
      ],
    }),
  );
}

/** AP: update a service only if nobody changed it since `previousVersion` was read. */
export async function saveService(s: Service, previousVersion: number): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: serviceItem({ ...s, version: previousVersion + 1 }),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    }),
  );
}

/** Seeds: a plain put of fixed values, with the daily timer. */
export async function putService(s: Service, nowMs: number): Promise<void> {
  await db().send(
    new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName(), Item: serviceItem(s) } }, slotsTimer(s, nowMs)] }),
  );
}
