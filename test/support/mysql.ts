/**
 * Suites that need a MySQL-compatible server: `.ci/run` starts MariaDB and sets DVCS_TEST_MYSQL_URL;
 * locally they are reported as skipped (see README, "Test against MySQL"), and in CI they may not be.
 */
const MYSQL_URL = process.env.DVCS_TEST_MYSQL_URL;

/** The server's URL with another database name, so suites running in parallel do not share one. */
export function mysqlUrlFor(database: string): string {
  const url = new URL(MYSQL_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export function describeWithMysql(name: string, suite: () => void): void {
  if (MYSQL_URL) {
    describe(name, suite);
    return;
  }
  if (process.env.CI) throw new Error(`DVCS_TEST_MYSQL_URL must be set in CI: "${name}" cannot be skipped there.`);
  describe.skip(`${name} (set DVCS_TEST_MYSQL_URL to run)`, () => {
    it('needs a server', () => undefined);
  });
}
