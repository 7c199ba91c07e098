import { randomUUID } from 'node:crypto';
import { LOCAL_RUNNER_ENV } from '../../scripts/local-env';

/**
 * Runs before each test file: a table of its own in the shared DynamoDB Local, and a guard that the
 * tests can only ever reach a database on this machine, never a real AWS account.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(endpoint)) {
  throw new Error(`tests need DynamoDB Local on loopback; DYNAMODB_ENDPOINT is "${endpoint}"`);
}
Object.assign(process.env, LOCAL_RUNNER_ENV);
process.env.TABLE_NAME = `test-${randomUUID().slice(0, 8)}`;
process.env.STAGE = 'test';
process.env.LOG_LEVEL = process.env.DEBUG_LOGS ? 'INFO' : 'SILENT';
process.env.JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
// The tests run tick themselves, for the moments they choose; serverless-offline must not run it on its own.
process.env.LINLI_TICK_SCHEDULE = 'false';
// Most tests drive one demo resident through many wishes; the limits have their own tests, which set them.
Object.assign(process.env, { LIMIT_WISHES_PER_HOUR: '1000', LIMIT_OPEN_WISHES: '1000', LIMIT_WRITES_PER_MINUTE: '10000' });
