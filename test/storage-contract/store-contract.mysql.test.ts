import { describeWithMysql, mysqlUrlFor } from '../support/mysql';
import { openMysqlDatabase } from '../../src/local/mysql-database';
import { describeStoreContract } from './store-contract';

/** The same contract on MariaDB or MySQL, through the Forge SQL dialect. */
describeWithMysql('store contract on MySQL', () => {
  describeStoreContract('MySQL (Forge SQL dialect)', () => openMysqlDatabase(mysqlUrlFor('dvcs_contract'), { fresh: true }));
});
