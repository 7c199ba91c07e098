/**
 * What the local runner, the load harness and the tests switch on, explicitly, for the functions they run:
 * demo sign-in and the development secret (only honoured in the local and test stages) and a sign-in limit per
 * address that fits one machine. (Each invocation keeps its own log keys wherever it runs: functions/http/log.ts.)
 */
export const LOCAL_RUNNER_ENV = {
  LINLI_DEV_AUTH: 'on',
  // Locally every phone is 127.0.0.1: the per-address sign-in limit would count the whole demo as one person.
  LIMIT_SIGN_INS_PER_MINUTE: '100000',
};
