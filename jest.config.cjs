/** Tests are TypeScript with ES module syntax; ts-jest turns them into CommonJS (jest.base.cjs). */
const base = require('./jest.base.cjs');

/**
 * With a MySQL-compatible server (DVCS_TEST_MYSQL_URL, always in CI), every suite that stores anything runs a
 * second time with its store there, through the dialect Forge SQL gets: what passes on SQLite must pass there.
 * Browser tests, Forge's own tools and the suites that already run on MySQL only run once.
 */
const onMysql = {
  ...base,
  displayName: 'mysql',
  setupFiles: ['<rootDir>/test/support/use-mysql-store.ts'],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '/test/e2e/',
    '/test/forge/',
    '/test/forge-runtime/',
    '/test/large-site/',
    '\\.mysql\\.test\\.ts$',
    '/sandbox/jira/contract/',
  ],
};

module.exports = process.env.DVCS_TEST_MYSQL_URL ? { projects: [{ ...base, displayName: 'sqlite' }, onMysql] } : base;
