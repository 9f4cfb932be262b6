import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { setRepositoryLinks } from '../../src/account-admin/link-repositories';
import { updateAccount } from '../../src/account-admin/update-account';
import { useAccessToken } from '../../src/account-admin/authorise-account';
import { createAccount } from '../../src/account-admin/create-account';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

/** The admin page driven as an admin would, against a local stand-in for a GitHub Enterprise server. */
describe('DVCS accounts admin page in a browser', () => {
  let stub: GitHostStub;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-admin-e2e-'));
    stub = await startGitHostStub({ githubRepositories: 5 });
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger(), providerHosts: stub.hosts, allowPrivateHosts: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function adminPage(accountId: string): Promise<{ page: Page; frame: Awaited<ReturnType<typeof appFrame>> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, sandbox.url, accountId);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    return { page, frame: await appFrame(page, 'dvcs-accounts') };
  }

  it('links a GitHub Enterprise account with a token, picks repositories, shows the set-up values, then deletes it', async () => {
    const { page, frame } = await adminPage(USERS.admin);
    await frame.click('[data-testid="link-account"]');
    await frame.waitForSelector('[data-testid="link-account-form"]');
    await frame.getByLabel('GitHub Enterprise Server').check();

    // Field-level validation, then the back end's own check of the address.
    await frame.click('[data-testid="link-account-submit"]');
    await frame.getByText('Enter the address of your GitHub Enterprise server.').waitFor();
    await frame.getByText('Enter the account name as it appears in its URLs.').waitFor();
    await frame.fill('[data-testid="field-hostUrl"]', `${stub.enterpriseUrl}/api/v3`);
    await frame.fill('[data-testid="field-name"]', 'octo');
    await frame.click('[data-testid="link-account-submit"]');
    await frame.getByText('Enter only the server address, without a path').waitFor();
    await frame.fill('[data-testid="field-hostUrl"]', stub.enterpriseUrl);
    await frame.click('[data-testid="link-account-submit"]');

    await frame.waitForSelector('[data-testid="account-view"]');
    const secret = (await frame.textContent('[data-testid="setup-webhookSecret"]'))!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await frame.textContent('[data-testid="setup-webhookUrl"]')).toMatch(new RegExp(`^${sandbox.url}/x/github-webhook\\?account=acc_`));
    expect(await frame.textContent('[data-testid="setup-callbackUrl"]')).toMatch(new RegExp(`^${sandbox.url}/x/oauth-callback\\?account=acc_`));
    expect(await frame.textContent('[data-testid="required-permissions"]')).toBe('repo, read:org, admin:repo_hook');
    expect(await frame.textContent('[data-testid="account-status"]')).toBe('Needs authorisation');

    await frame.fill('[data-testid="access-token"]', 'ghp_wrong_token_value');
    await frame.click('[data-testid="save-access-token"]');
    await frame.getByText('rejected the credentials (401)').waitFor();
    await frame.fill('[data-testid="access-token"]', stub.tokens.github);
    await frame.click('[data-testid="save-access-token"]');
    await frame.getByText('Token accepted: it belongs to octo.').waitFor();
    await frame.getByText('Connected', { exact: true }).waitFor();

    await frame.getByLabel('octo/repo-005').waitFor();
    await frame.fill('[data-testid="repository-filter"]', 'repo-00');
    await frame.getByLabel('octo/repo-001').check();
    await frame.getByLabel('octo/repo-002').check();
    await frame.click('[data-testid="save-repositories"]');
    await frame.waitForSelector('[data-testid="link-results"]');
    expect(await frame.textContent('[data-testid="link-results"]')).toContain('octo/repo-001: linked, webhook added');
    expect(stub.webhooks.map((hook) => [hook.repository, hook.secret])).toEqual([
      ['octo/repo-001', secret],
      ['octo/repo-002', secret],
    ]);
    // The backfill runs in the sandbox's queue; the page follows it until it is done.
    await frame.waitForSelector('[data-testid="sync-octo/repo-002"]:has-text("Synced")');
    expect(await frame.textContent('[data-testid="linked-repositories"]')).toContain('octo/repo-002added by the appSynced');

    // Sync now: queued, run by the sandbox's queue, and shown as synced again.
    await frame.click('[data-testid="sync-now-octo/repo-001"]');
    await frame.waitForSelector('[data-testid="sync-octo/repo-001"]:has-text("Synced")');

    // Edit: switch smart commits off; the change is saved on the account.
    await frame.click('[data-testid="toggle-smart-commits"]');
    // The toggle shows the saved value once the account is read back.
    await frame.waitForSelector('[data-testid="toggle-smart-commits--input"]:not(:checked)');
    expect((await sandbox.ports.database.db.selectFrom('account').select('settings').executeTakeFirstOrThrow()).settings).toContain('"smartCommits":false');

    await frame.getByText('← All accounts').click();
    await frame.waitForSelector('[data-testid="admin-accounts"]');
    expect(await frame.textContent('[data-testid="admin-accounts"]')).toContain('2 linked of 2');
    await frame.click('[data-testid="manage-octo"]');
    expect(await (await frame.waitForSelector('[data-testid="webhook-secret-set"]')).textContent()).toBe('•••• set');

    // Regenerating the secret asks first, says what it will do, and updates the webhooks the app created.
    await frame.click('[data-testid="regenerate-secret"]');
    expect(await (await frame.waitForSelector('[data-testid="regenerate-dialog"]')).textContent()).toContain('accepted for one hour');
    await frame.click('[data-testid="confirm-regenerate"]');
    const notice = (await (await frame.waitForSelector('[data-testid="account-notice"]')).textContent())!;
    expect(notice).toContain('Updated 2 webhooks the app created');
    const rotated = (await frame.textContent('[data-testid="setup-webhookSecret"]'))!;
    expect(stub.webhooks.map((hook) => hook.secret)).toEqual([rotated, rotated]);

    await frame.click('[data-testid="delete-account"]');
    const dialog = await frame.waitForSelector('[data-testid="delete-dialog"]');
    expect(await dialog.textContent()).toContain('the webhooks the app created on 2 repositories');
    await frame.click('[data-testid="confirm-delete"]');
    expect(await (await frame.waitForSelector('[data-testid="admin-notice"]')).textContent()).toContain('octo was deleted');
    expect(stub.webhooks).toEqual([]);
    await page.context().close();
  });

  it('tells a non-admin the page is for Jira admins, and refuses their direct invokes', async () => {
    const { page, frame } = await adminPage(USERS.developer);
    expect(await (await frame.waitForSelector('[data-testid="error-message"]')).textContent()).toBe('Only Jira administrators can manage DVCS accounts.');
    const answer = await page.evaluate(async () => {
      const response = await fetch('/__sandbox/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ moduleKey: 'dvcs-accounts', functionKey: 'createAccount', payload: { provider: 'github', name: 'evil' } }),
      });
      return response.json();
    });
    expect(answer).toEqual({ result: { ok: false, error: { code: 'forbidden', message: 'Only Jira administrators can manage DVCS accounts.' } } });
    expect(await sandbox.ports.database.db.selectFrom('account').selectAll().execute()).toEqual([]);
    await page.context().close();
  });

  it('lets a developer create a branch from an issue once an admin allows it, and shows it on the panel', async () => {
    stub.history.unshift({ sha: 'b'.repeat(40), message: 'Initial commit', author: { name: 'Octo', email: 'octo@example.com', date: '2026-11-01T10:00:00Z' } });
    const account = await createAccount(sandbox.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'octo', authMethod: 'oauth' });
    await useAccessToken(sandbox.ports, account.id, stub.tokens.github);
    await setRepositoryLinks(sandbox.ports, account.id, [{ providerRepoId: '5001', fullName: 'octo/repo-002', url: `${stub.url}/octo/repo-002`, linked: true }]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.developer);
    await page.goto(`${sandbox.url}/browse/DEMO-2`);
    let frame = await appFrame(page, 'development-panel');
    await frame.click('[data-testid="create-branch"]');
    expect(await (await frame.waitForSelector('[data-testid="create-branch-off"]')).textContent()).toContain('A Jira admin can switch it on');

    await updateAccount(sandbox.ports, account.id, { settings: { allowBranchCreation: true } });
    await page.reload();
    frame = await appFrame(page, 'development-panel');
    await frame.click('[data-testid="create-branch"]');
    await frame.waitForSelector('[data-testid="create-branch-form"]');
    const suggested = await frame.inputValue('[data-testid="branch-name"]');
    expect(suggested).toMatch(/^DEMO-2-[a-z0-9-]+$/);
    expect(await frame.inputValue('[data-testid="branch-from"]')).toBe('master');
    await frame.fill('[data-testid="branch-name"]', 'DEMO-2 bad name');
    await frame.click('[data-testid="create-branch-submit"]');
    await frame.getByText('Branch names cannot contain spaces').waitFor();
    await frame.fill('[data-testid="branch-name"]', suggested);
    await frame.click('[data-testid="create-branch-submit"]');
    expect(await (await frame.waitForSelector('[data-testid="branch-created"]')).textContent()).toContain(suggested);
    await page.screenshot({ path: join(dataDir, 'create-branch.png') });
    await frame.click('[data-testid="branch-created-done"]');
    await frame.getByText(suggested).first().waitFor();
    expect(stub.branches.some((branch) => branch.name === suggested)).toBe(true);

    // A viewer without View Development Tools is never offered the form.
    await signInAs(page, sandbox.url, USERS.viewer);
    await page.goto(`${sandbox.url}/browse/DEMO-2`);
    frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-denied"]');
    expect(await frame.locator('[data-testid="create-branch"]').count()).toBe(0);
    await context.close();
  });
});
