/**
 * What the local runner, the load harness and the tests switch on, explicitly, for the functions they run:
 * demo sign-in and the development secret (only honoured in the local and test stages), and per-invocation
 * state for serverless-offline's in-process runner, which runs many requests at once in one process.
 */
export const LOCAL_RUNNER_ENV = {
  LINLI_DEV_AUTH: 'on',
  AWS_LAMBDA_MAX_CONCURRENCY: '64',
};
