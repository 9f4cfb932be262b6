import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { builtFiles } from '../../bench/ui-bundle-sizes';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(60_000);

/** The budget for the panel: what its page loads, JavaScript, gzip-compressed (kB of 1,000 bytes). */
const PANEL_SCRIPT_BUDGET_GZIP = 120_000;

describe('the Custom UI apps’ weight', () => {
  it('keep the panel’s script within its budget, and carry no Statsig feature-gate client and no tslib', () => {
    const panelScript = builtFiles('panel').filter((file) => file.role === 'entry' && file.kind === 'js');
    expect(panelScript.length).toBeGreaterThan(0);
    expect(panelScript.reduce((total, file) => total + file.gzip, 0)).toBeLessThanOrEqual(PANEL_SCRIPT_BUDGET_GZIP);
    for (const app of ['admin', 'panel'] as const) {
      for (const file of builtFiles(app).filter((built) => built.kind === 'js')) {
        const code = readFileSync(join('static', app, 'build', file.file), 'utf8');
        // What the real client would bring: Statsig's SDK and its "not initialised" warning.
        expect([file.file, /statsig|Client must be initialized/i.test(code)]).toEqual([file.file, false]);
        // @forge/bridge's folder indexes re-export through all of tslib (vite.config.mts takes each name from its file).
        expect([file.file, code.includes('Generator is already executing')]).toEqual([file.file, false]);
      }
    }
  });
});

describe('the Custom UI apps in a browser', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-ui-weight-'));
    [sandbox, browser] = await Promise.all([startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    { app: 'panel', user: USERS.developer, path: '/browse/DEMO-1', moduleKey: 'development-panel', ready: 'DEMO-1 Log in with GitHub' },
    { app: 'admin', user: USERS.admin, path: '/jira/settings/apps/dvcs-accounts', moduleKey: 'dvcs-accounts', ready: 'Codertocat' },
  ])('the $app page logs no warning or error (no feature-gate warning, no missing favicon) and every request succeeds', async ({ user, path, moduleKey, ready }) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning' || message.type() === 'error') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await signInAs(page, sandbox.url, user);
      await page.goto(`${sandbox.url}${path}`);
      const frame = await appFrame(page, moduleKey);
      await frame.getByText(ready).first().waitFor();
      // The tab's icon is declared and served, so the browser asks for nothing that is not there.
      expect(await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href)).status)).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
