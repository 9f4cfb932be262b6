import { openSqliteDatabase } from '../../src/local/sqlite-database';
import { describeBuildStoreContract } from './build-store-contract';

describeBuildStoreContract('SQLite', () => openSqliteDatabase(':memory:'));
