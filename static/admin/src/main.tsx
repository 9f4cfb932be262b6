import { startApp } from '../../shared/start-app';
import { DvcsAccountsPage } from './DvcsAccountsPage';

startApp(<DvcsAccountsPage />);
