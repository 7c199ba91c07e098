/**
 * Jest runs TypeScript through esbuild, and turns the ESM-only dependencies (middy, jose) into CommonJS too,
 * as well as the Lambda invoke store, whose dynamic import() jest's module sandbox cannot run.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|tsx|js|mjs)$': '<rootDir>/tests/helpers/esbuild-transform.js' },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|@aws/lambda-invoke-store)/)'],
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/helpers/test-env.ts'],
  reporters: ['default', '<rootDir>/tests/helpers/summary-reporter.js'],
  testTimeout: 60_000,
  // One test file at a time. The machines have 2 cores: a Taro build or a browser beside a burst of 200
  // requests starves DynamoDB Local, and the races would measure the other test file, not the product.
  maxWorkers: 1,
};
