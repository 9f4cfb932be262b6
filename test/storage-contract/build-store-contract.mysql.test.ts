import { describeWithMysql, mysqlUrlFor } from '../support/mysql';
import { openMysqlDatabase } from '../../src/local/mysql-database';
import { describeBuildStoreContract } from './build-store-contract';

/** The same contract on MariaDB or MySQL, through the Forge SQL dialect. */
describeWithMysql('build and deployment store contract on MySQL', () => {
  describeBuildStoreContract('MySQL (Forge SQL dialect)', () => openMysqlDatabase(mysqlUrlFor('dvcs_contract'), { fresh: true }));
});
