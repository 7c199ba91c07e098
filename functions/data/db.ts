import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoEndpoint } from '../config';

let client: DynamoDBDocumentClient | undefined;

/**
 * One client per process, created on first use so tests can point the environment at their own
 * DynamoDB Local first. Short timeouts: a database that does not answer becomes a 503, not a hung request.
 */
export function db(): DynamoDBDocumentClient {
  if (!client) {
    const endpoint = dynamoEndpoint();
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint,
        region: process.env.AWS_REGION ?? 'cn-north-1',
        maxAttempts: 3,
        requestHandler: {
          // DynamoDB Local (a JVM on the developer's machine) accepts a burst of connections slowly.
          connectionTimeout: endpoint ? 5_000 : 1_000,
          requestTimeout: 5_000,
        },
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
  }
  return client;
}

/** For tests that move the endpoint between cases. */
export function resetDb(): void {
  client?.destroy();
  client = undefined;
}

/** The generic index names; data modules name each use after its access pattern (docs/data-model.md). */
export const INDEX = { gsi1: 'GSI1', gsi2: 'GSI2', gsi3: 'GSI3', gsi4: 'GSI4', gsi5: 'GSI5', gsi6: 'GSI6', gsi7: 'GSI7' } as const;
export type IndexName = (typeof INDEX)[keyof typeof INDEX];

export const indexKeys = (index: IndexName) => ({ pk: `${index}PK`, sk: `${index}SK` }) as const;
