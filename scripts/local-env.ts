/**
 * What the local runner, the load harness and the tests switch on, explicitly, for the functions they run:
 * demo sign-in and the development secret (only honoured in the local and test stages), a sign-in limit per
 * address that fits one machine, and per-invocation
 * state for serverless-offline's in-process runner, which runs many requests at once in one process.
 */
export const LOCAL_RUNNER_ENV = {
  LINLI_DEV_AUTH: 'on',
  AWS_LAMBDA_MAX_CONCURRENCY: '64',
  // Locally every phone is 127.0.0.1: the per-address sign-in limit would count the whole demo as one person.
  LIMIT_SIGN_INS_PER_MINUTE: '100000',
};
