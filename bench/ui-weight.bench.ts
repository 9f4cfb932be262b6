/**
 * The Custom UI apps' weight and first paint: each app's scripts and stylesheets (raw and gzip), then the median,
 * over 5 cold loads in headless Chromium against the sandbox, of the time from navigation to the first row painted
 * (the panel of DEMO-1 as a developer, the DVCS accounts page as an admin). Needs the UI builds (`npm run bench`
 * makes them if a source changed). BENCH_UI_LOADS changes the number of loads; BENCH_UI_MODULES=20 also prints, per app,
 * the 20 packages that weigh most in its first-view scripts (it builds each app once more, into a scratch folder).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/sandbox-server';
import { chooseChromium, launchChromium } from '../test/e2e/browser';
import { builtFiles, type BuiltFile, type UiApp } from './ui-bundle-sizes';
import { coldLoad, type RowPage } from './ui-first-row';
import { entryWeightByPackage } from './ui-module-sizes';

const LOADS = Number(process.env.BENCH_UI_LOADS ?? 5);
const PAGES: RowPage[] = [
  { app: 'panel', path: '/browse/DEMO-1', accountId: '557058:dev-dana', rowSelector: '[data-testid$="-row"]' },
  { app: 'admin', path: '/jira/settings/apps/dvcs-accounts', accountId: '557058:admin-alice', rowSelector: '[data-testid="admin-accounts"] tbody tr' },
];

// kB of 1,000 bytes, as Vite reports them.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sum = (files: BuiltFile[], key: 'raw' | 'gzip') => files.reduce((total, file) => total + file[key], 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const sizes = new Map<UiApp, BuiltFile[]>();
for (const app of ['admin', 'panel'] as const) {
  const files = builtFiles(app);
  sizes.set(app, files);
  for (const kind of ['js', 'css'] as const) {
    const entry = files.filter((file) => file.role === 'entry' && file.kind === kind);
    const lazy = files.filter((file) => file.role === 'lazy' && file.kind === kind);
    console.log(
      `ui-size ${app} ${kind}: entry=${kb(sum(entry, 'raw'))} entry_gzip=${kb(sum(entry, 'gzip'))}` +
        (lazy.length > 0 ? ` lazy_chunks=${lazy.length} lazy=${kb(sum(lazy, 'raw'))} lazy_gzip=${kb(sum(lazy, 'gzip'))}` : '') +
        ` files=${entry.map((file) => file.file).join(',') || '-'}`,
    );
  }
}

const topModules = Number(process.env.BENCH_UI_MODULES ?? 0);
for (const app of topModules > 0 ? (['admin', 'panel'] as const) : []) {
  const weights = (await entryWeightByPackage(app)).slice(0, topModules);
  console.log(`ui-modules ${app} (before minifying): ${weights.map(([owner, bytes]) => `${owner}=${kb(bytes)}`).join(' ')}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-ui-'));
const silent = { info: () => undefined, warn: () => undefined, error: console.error };
const sandbox = await startSandbox({ port: 0, dataDir, demo: true, log: silent });
// The floor: the same issue page whose panel frame is one row of static HTML, no script. What it takes is the host
// page's, the frame's and this machine's share of every figure below, before any of the app's code.
const floorDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-ui-floor-'));
writeFileSync(
  join(floorDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><ul><li data-testid="floor-row">a row</li></ul></body></html>',
);
const floor = await startSandbox({ port: 0, dataDir: join(floorDir, 'data'), demo: false, log: silent, resourceRoots: { panel: floorDir } });
// The headless shell @sparticuz/chromium ships, whatever the tests use: Debian's Chromium is a whole browser run
// headless, which loads its own pages (omnibox, search box) in the same processes during the first page loads, and on
// a small machine that doubles and scatters the figures. BENCH_UI_CHROMIUM=tests uses the tests' choice instead.
const bundled = process.env.BENCH_UI_CHROMIUM !== 'tests';
const chromium = await chooseChromium({ bundled });
const browser = await launchChromium({ bundled });
console.log(`ui-load: Chromium ${browser.version()} (${chromium.source}: ${chromium.executablePath}), ${LOADS} cold loads each, after one warm-up load`);
/** LOADS cold loads of a page after one warm-up load, which warms the sandbox's code paths and the OS file cache, not the browser's. */
async function coldLoads(baseUrl: string, target: RowPage) {
  await coldLoad(browser, baseUrl, target);
  const loads = [];
  for (let run = 0; run < LOADS; run += 1) loads.push(await coldLoad(browser, baseUrl, target));
  const times = loads.map((load) => load.firstRowMs);
  return { loads, figures: `first_row_median_ms=${median(times).toFixed(0)} runs_ms=${times.map((time) => time.toFixed(0)).join(',')}` };
}

try {
  const floorLoads = await coldLoads(floor.url, { ...PAGES[0]!, rowSelector: '[data-testid="floor-row"]' });
  console.log(`ui-load floor (the panel's page, its frame one static row): ${floorLoads.figures}`);
  for (const target of PAGES) {
    const { loads, figures } = await coldLoads(sandbox.url, target);
    const fetched = new Set(loads.flatMap((load) => load.appFiles));
    const used = (sizes.get(target.app) ?? []).filter((file) => fetched.has(file.file));
    const js = used.filter((file) => file.kind === 'js');
    const css = used.filter((file) => file.kind === 'css');
    console.log(
      `ui-load ${target.app}: ${figures}` +
        ` fetched_js=${kb(sum(js, 'raw'))} fetched_js_gzip=${kb(sum(js, 'gzip'))} (${js.length} files) fetched_css=${kb(sum(css, 'raw'))} fetched_css_gzip=${kb(sum(css, 'gzip'))}`,
    );
  }
} finally {
  await browser.close();
  await Promise.all([sandbox.close(), floor.close()]);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(floorDir, { recursive: true, force: true });
}
