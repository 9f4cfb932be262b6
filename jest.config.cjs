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

/**
 * In CI, Jest exits once the run is over even if something still holds the event loop: twice, after runs whose
 * browser tests failed part-way, it stayed up with its workers gone, and a CI that hangs says less than one that
 * fails. Locally it does not, so a leak still shows as Jest's "did not exit" warning.
 */
const exitInCi = { forceExit: Boolean(process.env.CI) };

module.exports = process.env.DVCS_TEST_MYSQL_URL ? { ...exitInCi, projects: [{ ...base, displayName: 'sqlite' }, onMysql] } : { ...base, ...exitInCi };
