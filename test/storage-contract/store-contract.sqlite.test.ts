import { openSqliteDatabase } from '../../src/local/sqlite-database';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', () => openSqliteDatabase(':memory:'));
