import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { signInAs } from './sandbox-page';

jest.setTimeout(60_000);

/** What a newcomer sees of the sandbox's own Jira, on whatever port it was started. */
describe('the sandbox’s Jira', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-sandbox-host-'));
    // Port 0: the system picks one, never the seed's 8080.
    [sandbox, browser] = await Promise.all([startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => (context = await browser.newContext()));
  afterEach(() => context.close());

  it('links to itself, at the address it listens on, in issues and in comment authors', async () => {
    expect(sandbox.url).not.toContain(':8080');
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.developer);
    const issue = await (await page.request.get(`${sandbox.url}/rest/api/3/issue/DEMO-1`)).json();
    expect(issue.self).toBe(`${sandbox.url}/rest/api/3/issue/${issue.id}`);
    // A comment as a smart commit writes one: its author's links lead back to this Jira.
    const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fixed the redirect' }] }] };
    expect((await page.request.post(`${sandbox.url}/rest/api/3/issue/DEMO-1/comment`, { data: { body } })).status()).toBe(201);
    const { comments } = await (await page.request.get(`${sandbox.url}/rest/api/3/issue/DEMO-1/comment`)).json();
    const author = comments.at(-1).author;
    expect(author.displayName).toBe('Dana Developer');
    for (const url of [author.self, ...Object.values(author.avatarUrls)]) expect(url).toMatch(new RegExp(`^${sandbox.url}/`));
  });

  it('shows the Development field and the summary counts only to people with View Development Tools, as Jira does', async () => {
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.developer);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    expect(await page.locator('[data-testid="development-field"]').textContent()).toContain('Development (Jira)');
    expect(await page.locator('[data-testid="summary-property"]').count()).toBe(1);

    await signInAs(page, sandbox.url, USERS.viewer);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    await page.locator('[data-testid="issue-status"]').waitFor();
    expect(await page.getByText('Development (Jira)').count()).toBe(0);
    expect(await page.locator('[data-testid="summary-property"], [data-testid="development-field"]').count()).toBe(0);
  });

  it('has a tab icon: the Development panel’s, and no request for a missing favicon', async () => {
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await page.goto(`${sandbox.url}/`);
    const icon = await page.request.get(`${sandbox.url}${await page.locator('link[rel="icon"]').getAttribute('href')}`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    expect(await icon.text()).toContain('<svg');
    expect((await page.request.get(`${sandbox.url}/favicon.ico`)).status()).toBe(200);
    expect(missing).toEqual([]);
  });
});
