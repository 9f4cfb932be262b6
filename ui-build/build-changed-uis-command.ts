/** `npm run build:ui:changed`: builds the Custom UI apps whose sources changed since their last build. */
import { buildChangedUis, exitOnBuildFailure } from './build-changed-uis';

await buildChangedUis(process.cwd(), (line) => console.log(line)).catch(exitOnBuildFailure);
