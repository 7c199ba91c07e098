import { runLoad } from '../../scripts/load';

/**
 * A short evening of the load harness (`npm run load`) over real HTTP through serverless-offline, then
 * the table checked against what every client was told. No timing is asserted here, only correctness.
 */
describe('the load harness, briefly', () => {
  test('residents posting, volunteers racing for claims and staff triaging leave a consistent table', async () => {
    const run = await runLoad(
      {
        residents: 30,
        volunteers: 8,
        durationSeconds: 12,
        wishesPerResident: 2,
        verifiedShare: 0.5,
        dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
      },
      () => undefined,
    );
    expect(run.report).toContain('checks: no lost or duplicated wish');
    expect(run.report).not.toMatch(/\b(5\d\d|0)×/); // no 5xx and no request without an answer
    expect(run.ok).toBe(true);
  }, 180_000);
});
