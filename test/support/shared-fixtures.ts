import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared fixtures live beside the repository (`../shared`), or where DVCS_SHARED points. */
const root = resolve(process.env.DVCS_SHARED ?? '../shared');

export function sharedFixturePath(...parts: string[]): string {
  const path = join(root, 'fixtures', ...parts);
  if (!existsSync(path)) throw new Error(`Shared fixture ${path} is missing: clone the repository beside shared/ or set DVCS_SHARED.`);
  return path;
}

export function readSharedFixture(...parts: string[]): string {
  return readFileSync(sharedFixturePath(...parts), 'utf8');
}
