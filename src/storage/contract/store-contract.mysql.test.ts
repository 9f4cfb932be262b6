import { openMysqlTestDatabase } from './mysql-test-database';
import { describeStoreContract } from './store-contract';

/**
 * The same contract on MariaDB or MySQL, through the Forge SQL dialect. `.ci/run` starts MariaDB and sets
 * DVCS_TEST_MYSQL_URL; locally, see README ("Test against MySQL"). Without the variable the suite is
 * reported as skipped, never as passed.
 */
const url = process.env.DVCS_TEST_MYSQL_URL;
if (url) {
  describeStoreContract('MySQL (Forge SQL dialect)', () => openMysqlTestDatabase(url));
} else {
  if (process.env.CI) throw new Error('DVCS_TEST_MYSQL_URL must be set in CI: the MySQL store contract cannot be skipped there.');
  describe.skip('store contract on MySQL (set DVCS_TEST_MYSQL_URL to run)', () => {
    it('needs a server', () => undefined);
  });
}
