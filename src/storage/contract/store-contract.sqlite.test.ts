import { openSqliteDatabase } from '../../local/sqlite-database';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', () => openSqliteDatabase(':memory:'));
