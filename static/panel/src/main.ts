import { bootApp } from '../../shared/boot-app';
import { startFirstCall } from '../../shared/first-call';

bootApp({ startFirstCall: () => startFirstCall('getDevelopmentPanel'), load: () => import('./mount') });
