import { mountApp } from '../../shared/mount-app';
import { DevelopmentPanel } from './DevelopmentPanel';

export const mount = (root: HTMLElement) => mountApp(root, <DevelopmentPanel />);
