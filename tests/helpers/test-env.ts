import { randomUUID } from 'node:crypto';

/**
 * Runs before each test file: a table of its own in the shared DynamoDB Local, and a guard that the
 * tests can only ever reach a database on this machine, never a real AWS account.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(endpoint)) {
  throw new Error(`tests need DynamoDB Local on loopback; DYNAMODB_ENDPOINT is "${endpoint}"`);
}
process.env.TABLE_NAME = `test-${randomUUID().slice(0, 8)}`;
process.env.STAGE = 'test';
process.env.LOG_LEVEL = process.env.DEBUG_LOGS ? 'info' : 'silent';
process.env.JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
