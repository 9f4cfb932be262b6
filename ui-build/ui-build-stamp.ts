import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export type UiApp = 'admin' | 'panel';
export const UI_APPS: readonly UiApp[] = ['admin', 'panel'];

const STAMP_FILE = '.ui-build-stamp.json';

/** What a build was made from: each input file (relative to the project root) and a hash of its content. */
interface UiBuildStamp {
  app: UiApp;
  inputs: Record<string, string>;
}

export type UiBuildVerdict = { current: true } | { current: false; reason: string };

function filesUnder(root: string, dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !skip(path));
}

/**
 * The inputs every build of `app` depends on whatever it imports: its own folder (but not its build), the code both
 * apps share, the Vite config and its plugins (ui-build/) and the lockfile, which pins every package bundled. A new
 * file in those folders counts as a change too.
 */
function standingInputs(root: string, app: UiApp): string[] {
  const built = `static/${app}/build/`;
  const fixed = ['vite.config.mts', 'package-lock.json', ...filesUnder(root, 'ui-build', (path) => path.endsWith('.test.ts'))].filter((path) => existsSync(join(root, path)));
  return [...filesUnder(root, `static/${app}`, (path) => path.startsWith(built)), ...filesUnder(root, 'static/shared', () => false), ...fixed];
}

function contentHash(root: string, path: string): string | undefined {
  const file = join(root, path);
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined;
}

/**
 * Written by the build itself (a plugin in vite.config.mts) once its files are out: the standing inputs plus every
 * module of the project the bundler read (static/ imports code from src/ too), each with the hash of its content.
 */
export function writeUiBuildStamp(root: string, app: UiApp, bundledModules: Iterable<string>, outDir: string): void {
  const project = [...bundledModules]
    .filter((id) => isAbsolute(id) && !id.includes(`${sep}node_modules${sep}`))
    .map((id) => relative(root, id.replace(/\?.*$/, '')).split(sep).join('/'))
    .filter((path) => !path.startsWith('..'));
  const inputs: Record<string, string> = {};
  for (const path of [...new Set([...standingInputs(root, app), ...project])].sort()) {
    const hash = contentHash(root, path);
    if (hash) inputs[path] = hash;
  }
  const stamp: UiBuildStamp = { app, inputs };
  writeFileSync(join(outDir, STAMP_FILE), `${JSON.stringify(stamp, null, 1)}\n`);
}

/** Whether static/<app>/build was made from the files as they are now, and if not, the first difference found. */
export function uiBuildVerdict(root: string, app: UiApp): UiBuildVerdict {
  const stampFile = join(root, 'static', app, 'build', STAMP_FILE);
  if (!existsSync(stampFile)) return { current: false, reason: `static/${app}/build has no build stamp` };
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as UiBuildStamp;
  for (const path of standingInputs(root, app)) if (!(path in stamp.inputs)) return { current: false, reason: `${path} is new` };
  for (const [path, hash] of Object.entries(stamp.inputs)) {
    const now = contentHash(root, path);
    if (now === undefined) return { current: false, reason: `${path} was removed` };
    if (now !== hash) return { current: false, reason: `${path} changed` };
  }
  return { current: true };
}
