import { LOCAL_AWS_ENV, startLocalDynamo } from '../../scripts/local-dynamodb';
import { freePort } from './free-port';

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table in it. */
export default async function globalSetup(): Promise<void> {
  Object.assign(process.env, LOCAL_AWS_ENV);
  const dynamo = await startLocalDynamo({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __LINLI_DYNAMO__?: typeof dynamo }).__LINLI_DYNAMO__ = dynamo;
}
