import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs as signInAsUser } from './sandbox-page';

jest.setTimeout(60_000);

/** Opens the sandbox as a Jira user would, and drives the real Custom UI bundles inside their iframes. */
describe('sandbox in a browser', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;
  const invokes: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-e2e-'));
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext();
    context.on('request', (request) => {
      if (request.url().endsWith('/__sandbox/invoke')) invokes.push(request.postData() ?? '');
    });
  });
  afterEach(() => context.close());

  const signInAs = (page: Page, accountId: string) => signInAsUser(page, sandbox.url, accountId);

  it('shows the home page with links to the admin page and the seeded issues', async () => {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/`);
    await expectVisible(page, 'a[href="/jira/settings/apps/dvcs-accounts"]');
    await expectVisible(page, 'a[href="/browse/DEMO-1"]');
    expect(await page.locator('#sandbox-user option').count()).toBe(5);
  });

  it('renders the admin page for an admin, with the webhook and callback URLs from a resolver', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.admin);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    await frame.waitForSelector('[data-testid="admin-accounts"]');
    expect(await frame.textContent('[data-testid="admin-accounts"]')).toContain('Codertocat');
    expect(await frame.textContent('[data-testid="endpoint-githubWebhookUrl"]')).toBe(`${sandbox.url}/x/github-webhook`);
    expect(await frame.textContent('[data-testid="endpoint-oauthCallbackUrl"]')).toBe(`${sandbox.url}/x/oauth-callback`);
    expect(invokes.some((body) => body.includes('"functionKey":"getAdminOverview"'))).toBe(true);
    // The host sizes the frame to its content, as Jira does, so nothing is clipped.
    const contentBottom = await frame.evaluate(() => document.querySelector('[data-testid="admin-endpoints"]')!.getBoundingClientRect().bottom);
    await page.waitForFunction(
      (bottom) => document.querySelector<HTMLIFrameElement>('iframe[data-module-key="dvcs-accounts"]')!.getBoundingClientRect().height >= bottom,
      contentBottom,
    );
    await page.screenshot({ path: join(dataDir, 'admin.png') });
  });

  it('shows the demo accounts as they are: kept up to date by webhooks, not waiting for an authorisation', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.admin);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    await frame.waitForSelector('[data-testid="admin-accounts"]');
    for (const name of ['Codertocat', 'acme-ops']) {
      const row = (await frame.locator('tr', { hasText: name }).textContent()) ?? '';
      expect(row).toMatch(/Webhooks only\d+ linkedWebhook (this minute|\d+ minutes? ago)Manage$/);
      expect(row).not.toMatch(/Needs authorisation|Never/);
    }
    await frame.click('[data-testid="manage-Codertocat"]');
    expect(await (await frame.waitForSelector('[data-testid="account-status-summary"]')).textContent()).toMatch(
      /^Its \d+ linked repositor(y is|ies are) kept up to date by the webhooks GitHub delivers\. Authorise the account, or save an access token, to read (its|their) history and to use Sync now\.$/,
    );
    // Without a credential there is nothing to sync with: no button offers it, the row says why.
    expect(await frame.locator('[data-testid="sync-now-Codertocat/Hello-World"]').count()).toBe(0);
    expect(await frame.textContent('[data-testid="webhook-Codertocat/Hello-World"]')).toMatch(/^Webhook: Added by hand · last delivery /);
  });

  it('tells a developer on the admin page that only administrators may manage accounts', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.developer);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    expect(await (await frame.waitForSelector('[data-testid="error-message"]')).textContent()).toBe('Only Jira administrators can manage DVCS accounts.');
  });

  it('lists the commits, branches and pull requests of an issue for a developer', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.developer);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    const frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-summary"]');
    expect(await frame.textContent('[data-testid="panel-summary"]')).toContain('3 commits');
    expect(await frame.locator('[data-testid="commit-row"]').count()).toBe(3);
    expect(await frame.textContent('[data-testid="section-branch"]')).toContain('DEMO-1-github-login');
    expect(await frame.textContent('[data-testid="section-pull_request"]')).toContain('DEMO-1 Log in with GitHub');
    expect(invokes.some((body) => body.includes('"functionKey":"getDevelopmentPanel"') && body.includes('"issueKey":"DEMO-1"'))).toBe(true);
    await page.screenshot({ path: join(dataDir, 'panel.png') });
  });

  it('shows a helpful empty state on an issue without development work', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.developer);
    await page.goto(`${sandbox.url}/browse/DEMO-3`);
    const frame = await appFrame(page, 'development-panel');
    expect(await (await frame.waitForSelector('[data-testid="panel-empty"]')).textContent()).toContain('DEMO-3');
  });

  it('shows the permission message to a user without View Development Tools', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.viewer);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    const frame = await appFrame(page, 'development-panel');
    expect(await (await frame.waitForSelector('[data-testid="panel-denied"]')).textContent()).toBe(
      'You need the View Development Tools permission to see development information.',
    );
    expect(await frame.locator('[data-testid="commit-row"]').count()).toBe(0);
  });

  it('limits a repository to DEMO: its OPS work leaves OPS issues, with no refetch', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.admin);
    const opsCommits = async () => {
      await page.goto(`${sandbox.url}/browse/OPS-2`);
      const panel = await appFrame(page, 'development-panel');
      return (await (await panel.waitForSelector('[data-testid="panel-summary"]')).textContent()) ?? '';
    };
    expect(await opsCommits()).toContain('2 commits');

    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    await frame.click('[data-testid="manage-Codertocat"]');
    await frame.click('[data-testid="edit-scope-Codertocat/Hello-World"]');
    await frame.getByLabel('All projects').uncheck();
    await frame.getByLabel('Demo project (DEMO)').check();
    await frame.click('[data-testid="save-scope-Codertocat/Hello-World"]');
    await frame.waitForSelector('[data-testid="scope-Codertocat/Hello-World"]:has-text("DEMO")');

    // The re-link runs on the sandbox's queue; the OPS issue then shows only the Bitbucket commit.
    await expect(waitFor(async () => /(^|\D)1 commit(?!s)/.test(await opsCommits()))).resolves.toBe(true);
    await page.screenshot({ path: join(dataDir, 'scoped.png') });
  });

  it('explains, step by step, where a commit shows and what stops one from showing', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.admin);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    const demoCommit = await sandbox.ports.database.db.selectFrom('dev_commit').select('sha').where('message', 'like', 'DEMO-2 Show an empty state%').executeTakeFirstOrThrow();
    await frame.fill('[data-testid="diagnostics-query"]', demoCommit.sha.slice(0, 10));
    await frame.click('[data-testid="diagnostics-run"]');
    const steps = (await (await frame.waitForSelector('[data-testid="diagnostics-steps"]')).textContent()) ?? '';
    expect(steps).toContain('Shown on DEMO-2');
    // Counts and dates are written for the reader (en-US here), never as stored: no "1 deliveries", no ISO timestamps.
    expect(steps).toMatch(/Deliveries: \d+ · Latest: [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M/);
    expect(steps).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    await frame.fill('[data-testid="diagnostics-query"]', 'Fix the UTF-8 decoder');
    await frame.click('[data-testid="diagnostics-run"]');
    await frame.getByText('UTF-8 is not a project on this site and is ignored.').waitFor();
    expect(await frame.textContent('[data-testid="diagnostics-steps"]')).toContain('What to do: Use the key of an existing project');
  });

  it('applies the dark theme through design tokens when the host is dark', async () => {
    const page = await context.newPage();
    await signInAs(page, USERS.developer);
    await Promise.all([page.waitForEvent('load'), page.click('#sandbox-theme-toggle')]);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    const frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-summary"]');
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
  });
});

/** Re-checks a condition a bounded number of times; each check is a full page load, so no sleeps are needed. */
async function waitFor(condition: () => Promise<boolean>, attempts = 10): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) if (await condition()) return true;
  return false;
}

async function expectVisible(page: Page, selector: string) {
  expect(await page.locator(selector).first().isVisible()).toBe(true);
}
