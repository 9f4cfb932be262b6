/**
 * `npm run forge:check`: Forge's own linter and bundler on the app, offline, with their reports for people.
 * The same checks run in `npm test` (forge-lint.test.ts, forge-bundle.test.ts). Exits 1 on a lint error,
 * a missing scope or permission, or a bundle that fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @forge/bundler stops unless require.main is set ("Could not find the main executable file"): the Forge CLI is
// a CommonJS program, this script an ES module, for which Node leaves it unset. Set it before loading the bundler.
// eslint-disable-next-line @typescript-eslint/no-deprecated -- require.main (the replacement) is read-only from here; CommonJS copies process.mainModule into it
process.mainModule ??= { filename: import.meta.filename } as NodeJS.Module;

const { lintForgeApp } = await import('./forge-lint');
const { bundleForgeApp, formatBundleSizes } = await import('./forge-bundle');

let failed = false;

console.log('Forge lint (client-side rules, offline)…');
const lintStarted = Date.now();
const report = await lintForgeApp();
console.log(`${report.parsed.length} of ${report.listed.length} files under src/ parsed in ${((Date.now() - lintStarted) / 1000).toFixed(1)} s`);
console.log(report.text);
if (report.errors.length || report.missingPermissions.length || report.linterFailures.length) failed = true;

console.log('\nForge bundle (as forge deploy builds it)…');
const outDir = mkdtempSync(join(tmpdir(), 'forge-bundle-'));
try {
  const bundle = await bundleForgeApp(outDir);
  console.log(formatBundleSizes(bundle));
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

console.log(failed ? '\nforge:check found problems.' : '\nforge:check: no problems.');
process.exitCode = failed ? 1 : 0;
