import { startApp } from '../../shared/start-app';
import { DevelopmentPanel } from './DevelopmentPanel';

startApp(<DevelopmentPanel />);
