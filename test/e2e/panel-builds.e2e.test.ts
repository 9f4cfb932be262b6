import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { violations } from './frame-violations';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

/**
 * Builds and deployments on the Development panel, from the sandbox's demo data (a green and a red workflow
 * run and deployments to staging and production, delivered through the GitHub webtrigger): badges on the
 * branch and its pull request, the Deployments section, the summary line, in both themes, with no axe finding.
 */
describe('builds and deployments on the Development panel', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-e2e-builds-'));
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['light', 'dark'] as const)('shows DEMO-1’s builds and deployments in the %s theme', async (theme) => {
    const context = await browser.newContext({ colorScheme: theme });
    try {
      const page = await context.newPage();
      await signInAs(page, sandbox.url, USERS.developer);
      await page.goto(`${sandbox.url}/browse/DEMO-1`);
      const frame = await appFrame(page, 'development-panel');
      await frame.waitForSelector('[data-testid="section-deployments"]');
      expect((await frame.locator('[data-testid="summary-failing-builds"]').innerText()).toLowerCase()).toBe('1 failing build');
      expect((await frame.locator('[data-testid="summary-deployed-to"]').innerText()).toLowerCase()).toBe('in production');
      // The branch and its open pull request each show both pipelines' latest runs.
      const badges = await frame.locator('[data-testid="branch-row"] [data-testid="build-badge"], [data-testid="pull-request-row"] [data-testid="build-badge"]').allInnerTexts();
      expect(badges.filter((text) => /CI PASSED/i.test(text)).length).toBeGreaterThanOrEqual(2);
      expect(badges.filter((text) => /LINT FAILED/i.test(text)).length).toBeGreaterThanOrEqual(2);
      expect(await frame.locator('[data-testid="deployment-row"]').allInnerTexts()).toEqual([expect.stringMatching(/production/i), expect.stringMatching(/staging/i)]);
      expect(await violations(frame)).toEqual([]);
      await page.screenshot({ path: join(process.env.PANEL_BUILDS_SHOTS ?? dataDir, `panel-builds-${theme}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
