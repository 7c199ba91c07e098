import type { LocalDynamo } from '../../scripts/local-dynamodb';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __LINLI_DYNAMO__?: LocalDynamo }).__LINLI_DYNAMO__?.stop();
}
