import { mountApp } from '../../shared/mount-app';
import { DvcsAccountsPage } from './DvcsAccountsPage';

export const mount = (root: HTMLElement) => mountApp(root, <DvcsAccountsPage />);
