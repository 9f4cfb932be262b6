/** `npm run test:reliability`: fuzzing, load, concurrency, crash recovery and security checks, with figures. */
const base = require('./jest.base.cjs');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.reliability.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300_000,
  // As in jest.config.cjs: in CI, a run that is over exits even if a handle is still open; locally the warning shows it.
  forceExit: Boolean(process.env.CI),
};
