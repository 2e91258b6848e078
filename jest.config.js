/** Jest runs the TypeScript sources directly through SWC; type checking is `npm run lint` / `npm run build`. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  // The Functions worker injects '@azure/functions-core' at run time; in tests the local host's implementation
  // stands in for it, exactly as `npm start` provides it, so registrations made by function files are recorded.
  moduleNameMapper: { '^@azure/functions-core$': '<rootDir>/dev/host/core-api.ts' },
  testTimeout: 30000,
  maxWorkers: 2,
};
