import { join } from 'node:path';
import { UI_APPS, uiBuildVerdict, type UiApp } from './ui-build-stamp';

/** Vite's build of one app with the project's config, whose plugin writes the build stamp. */
async function viteBuild(root: string, app: UiApp): Promise<void> {
  // Vite is loaded only when something is built: it costs a second to import.
  const { build } = await import('vite');
  try {
    await build({ configFile: join(root, 'vite.config.mts'), mode: app, logLevel: 'warn' });
  } catch (error) {
    throw new Error(`Building static/${app} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Builds each Custom UI app whose build is missing or older than its sources (see ui-build-stamp.ts), and leaves
 * the others alone: `npm start` answers in a few seconds when nothing changed, instead of half a minute.
 */
/** For the commands: a failed build is reported by its message (Rollup's error also lists every file it watched). */
export function exitOnBuildFailure(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

export async function buildChangedUis(root: string, log: (line: string) => void, build = viteBuild): Promise<void> {
  for (const app of UI_APPS) {
    const verdict = uiBuildVerdict(root, app);
    if (verdict.current) {
      log(`static/${app}/build is up to date.`);
      continue;
    }
    log(`Building static/${app} (${verdict.reason})…`);
    await build(root, app);
  }
}
