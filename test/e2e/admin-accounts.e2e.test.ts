import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { setRepositoryLinks } from '../../src/account-admin/link-repositories';
import { updateAccount } from '../../src/account-admin/update-account';
import { useAccessToken } from '../../src/account-admin/authorise-account';
import { createAccount } from '../../src/account-admin/create-account';
import { deleteAccount } from '../../src/account-admin/delete-account';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

/** Waits until the field (by selector, in the frame) is described by a message: its problem beside it, read with the field. */
async function expectDescribedBy(frame: Frame, selector: string, message: string): Promise<void> {
  await frame.waitForFunction(
    ([target, expected]) => {
      const field = document.querySelector(target!);
      const ids = (field?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids.some((id) => document.getElementById(id)?.textContent?.includes(expected!));
    },
    [selector, message],
  );
}

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

  it('links a GitHub Enterprise account with a token, picks repositories, shows the set-up values, asks before unlinking, then deletes it', async () => {
    // A commit on every repository the stub serves: linking brings it to DEMO-1, unlinking takes it away.
    stub.history.unshift({ sha: 'd'.repeat(40), message: 'DEMO-1 Fix the login redirect', author: { name: 'Octo', email: 'octo@example.com', date: '2026-11-20T10:00:00Z' } });
    const { page, frame } = await adminPage(USERS.admin);
    await frame.click('[data-testid="link-account"]');
    await frame.waitForSelector('[data-testid="link-account-form"]');
    await frame.getByLabel('GitHub Enterprise Server').check();

    // Field-level validation, then the back end's own check of the address.
    await frame.click('[data-testid="link-account-submit"]');
    await frame.getByText('Host URL: enter the address of your server, as people open it in a browser.').waitFor();
    await frame.getByText('Organisation or user: enter the name as it appears in its address on the Git host.').waitFor();
    await frame.fill('[data-testid="field-hostUrl"]', `${stub.enterpriseUrl}/api/v3`);
    await frame.fill('[data-testid="field-name"]', 'octo');
    await frame.click('[data-testid="link-account-submit"]');
    await frame.getByText('Host URL: Enter only the server address, without a path').waitFor();
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
    // The backfill runs in the sandbox's queue; the page follows it until it is done, without a reload.
    await frame.waitForSelector('[data-testid="sync-octo/repo-002"]:has-text("Synced")');
    await frame.waitForSelector('[data-testid="sync-octo/repo-001"]:has-text("Synced")');
    await frame.waitForSelector('[data-testid="account-status--text"]:text-is("Connected")');
    // One source for each fact: the webhook is described once, as the app added it; "being read" ends with the reading.
    expect(await frame.textContent('[data-testid="webhook-octo/repo-002"]')).toBe('Webhook: Added by the app · no delivery yet');
    expect(await frame.getByLabel('octo/repo-001 · linked').count()).toBe(1);
    expect(await frame.locator('[data-testid="repository-picker"]').textContent()).not.toMatch(/added by (hand|the app)/i);
    await frame.waitForSelector('[data-testid="history-reading"]', { state: 'detached' });

    // Sync now: queued, run by the sandbox's queue, and shown as synced again.
    await frame.click('[data-testid="sync-now-octo/repo-001"]');
    await frame.waitForSelector('[data-testid="sync-octo/repo-001"]:has-text("Synced")');

    // Edit: switch smart commits off; the change is saved on the account.
    await frame.click('[data-testid="toggle-smart-commits"]');
    // The toggle shows the saved value once the account is read back.
    await frame.waitForSelector('[data-testid="toggle-smart-commits--input"]:not(:checked)');
    expect((await sandbox.ports.database.db.selectFrom('account').select('settings').executeTakeFirstOrThrow()).settings).toContain('"smartCommits":false');

    // Unlinking asks first and says what leaves the issues; Cancel changes nothing.
    await frame.getByLabel('octo/repo-001 · linked').uncheck();
    await frame.click('[data-testid="save-repositories"]');
    const impact = await frame.waitForSelector('[data-testid="unlink-impact"]');
    expect(await impact.textContent()).toBe('This takes its work off the Development panel of 1 issue, at once:');
    expect(await frame.textContent('[data-testid="unlink-dialog"]')).toContain('octo/repo-001: 1 commit');
    expect(await frame.textContent('[data-testid="unlink-dialog"]')).toContain('The webhook the app added is removed from the Git host.');
    await frame.click('[data-testid="cancel-unlink"]');
    expect(stub.webhooks).toHaveLength(2);
    await frame.click('[data-testid="save-repositories"]');
    await frame.click('[data-testid="confirm-unlink"]');
    await frame.waitForSelector('[data-testid="link-results"]:has-text("octo/repo-001: unlinked, webhook removed")');
    await frame.waitForSelector('[data-testid="repository-row-octo/repo-001"]', { state: 'detached' });
    expect(stub.webhooks.map((hook) => hook.repository)).toEqual(['octo/repo-002']);

    await frame.getByText('← All accounts').click();
    await frame.waitForSelector('[data-testid="admin-accounts"]');
    // What is linked, not a count of what the host offers that the app cannot know without asking it.
    expect(await frame.textContent('[data-testid="admin-accounts"]')).toContain('1 linked');
    await frame.click('[data-testid="manage-octo"]');
    expect(await (await frame.waitForSelector('[data-testid="webhook-secret-set"]')).textContent()).toBe('•••• set');

    // Regenerating the secret asks first, says what it will do, and updates the webhooks the app created.
    await frame.click('[data-testid="regenerate-secret"]');
    expect(await (await frame.waitForSelector('[data-testid="regenerate-dialog"]')).textContent()).toContain('accepted for one hour');
    await frame.click('[data-testid="confirm-regenerate"]');
    const notice = (await (await frame.waitForSelector('[data-testid="account-notice"]')).textContent())!;
    expect(notice).toContain('Updated the webhook the app created');
    const rotated = (await frame.textContent('[data-testid="setup-webhookSecret"]'))!;
    expect(stub.webhooks.map((hook) => hook.secret)).toEqual([rotated]);

    // The confirmation and the notice after it give the same counts, in plural rules.
    await frame.click('[data-testid="delete-account"]');
    const dialog = await frame.waitForSelector('[data-testid="delete-dialog"]');
    expect(await dialog.textContent()).toContain('the webhooks the app created, on 1 repository;');
    expect(await dialog.textContent()).toContain('stored for its 1 linked repository,');
    await frame.click('[data-testid="confirm-delete"]');
    expect(await (await frame.waitForSelector('[data-testid="admin-notice"]')).textContent()).toBe(
      'octo was deleted with its secrets and the development data of 1 linked repository; 1 webhook removed from the Git host.',
    );
    expect(stub.webhooks).toEqual([]);
    await page.context().close();
  });

  it('keeps the OAuth key and secret beside "Authorise with …", checks them for the host, and follows the authorisation in the host’s tab to its end without a reload', async () => {
    const { page, frame } = await adminPage(USERS.admin);
    await frame.click('[data-testid="link-account"]');
    await frame.getByLabel('GitHub Enterprise Server').check();
    await frame.fill('[data-testid="field-hostUrl"]', stub.enterpriseUrl);
    await frame.fill('[data-testid="field-name"]', 'octo-org');
    // An OAuth key that is not in the host's form never reaches the store; the message sits beside the field.
    await frame.fill('[data-testid="field-oauthClientId"]', 'javascript:alert(1)');
    await frame.click('[data-testid="link-account-submit"]');
    const keyField = '[data-testid="field-oauthClientId"]';
    await expectDescribedBy(frame, keyField, "OAuth key (client id): copy it exactly from the OAuth app's page on your GitHub Enterprise server (Client ID).");
    // A secret without its key is refused too, pointing at the key.
    await frame.fill('[data-testid="field-oauthClientId"]', '');
    await frame.fill('[data-testid="field-oauthClientSecret"]', stub.oauthClient.clientSecret);
    await frame.click('[data-testid="link-account-submit"]');
    await expectDescribedBy(frame, keyField, 'OAuth key (client id): enter the key that goes with the OAuth secret');
    expect(await sandbox.ports.database.db.selectFrom('account').select('name').where('name', '=', 'octo-org').execute()).toEqual([]);
    await frame.fill('[data-testid="field-oauthClientId"]', stub.oauthClient.clientId);
    await frame.click('[data-testid="link-account-submit"]');
    await frame.waitForSelector('[data-testid="account-view"]');

    // The key and secret sit right above the button that uses them, and its hint says what happens.
    const secretBox = (await frame.getByTestId('oauth-secret').boundingBox())!;
    const authorise = frame.getByTestId('authorise-oauth');
    const authoriseBox = (await authorise.boundingBox())!;
    expect(authoriseBox.y - (secretBox.y + secretBox.height)).toBeLessThan(80);
    expect(await frame.textContent('[data-testid="authorise-hint"]')).toBe(
      'Opens GitHub Enterprise in a new tab to approve the access; this page updates by itself when you are done.',
    );
    // A wrong key typed later is refused by the back end too, beside the field, and nothing is saved.
    await frame.fill('#oauth-client-id', 'Ov23li not a key');
    await frame.click('[data-testid="save-oauth-client"]');
    await expectDescribedBy(frame, '#oauth-client-id', 'OAuth key (client id): copy it exactly');
    await frame.fill('#oauth-client-id', stub.oauthClient.clientId);

    // The host's page opens in a tab of its own; this page learns the outcome by itself, without reloading.
    await frame.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await frame.textContent('[data-testid="account-status"]')).toBe('Needs authorisation');
    const hostTab = page.context().waitForEvent('page');
    await authorise.click();
    expect(await (await (await hostTab).waitForSelector('h1')).textContent()).toBe('GitHub Enterprise account connected');
    await frame.waitForSelector('[data-testid="account-status--text"]:text-is("Connected")');
    expect(await frame.textContent('[data-testid="credential-state"]')).toBe('•••• set (oauth)');
    expect(await frame.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // At 800 px nothing is cut off: not the copy buttons, Save token, nor a repository's Sync now and Full resync.
    await frame.getByLabel('octo/repo-001').check();
    await frame.click('[data-testid="save-repositories"]');
    await frame.waitForSelector('[data-testid="full-resync-octo/repo-001"]');
    await page.setViewportSize({ width: 800, height: 900 });
    const layout = await frame.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const controls = [...document.querySelectorAll('button, input, code')];
      return {
        overflow: document.documentElement.scrollWidth - width,
        cut: controls.filter((control) => control.getBoundingClientRect().right > width + 0.5).map((control) => control.textContent || control.id),
        checked: ['Copy', 'Save token', 'Full resync', 'Sync now'].map((name) => controls.some((control) => control.textContent === name)),
      };
    });
    expect(layout).toEqual({ overflow: 0, cut: [], checked: [true, true, true, true] });

    const created = await sandbox.ports.database.db.selectFrom('account').select('id').where('name', '=', 'octo-org').executeTakeFirstOrThrow();
    await deleteAccount(sandbox.ports, created.id);
    await page.context().close();
  });

  it('says the Git host is unreachable, on the account and on its repository, as soon as a sync finds it down; and paints Jira’s dark surface', async () => {
    const own = await startGitHostStub({ githubRepositories: 1 });
    const account = await createAccount(sandbox.ports, { provider: 'github-enterprise', hostUrl: own.enterpriseUrl, name: 'octo-org', authMethod: 'oauth' });
    await useAccessToken(sandbox.ports, account.id, own.tokens.github);
    await setRepositoryLinks(sandbox.ports, account.id, [{ providerRepoId: '5000', fullName: 'octo/repo-001', url: `${own.url}/octo/repo-001`, linked: true }]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.request.post(`${sandbox.url}/__sandbox/session`, { data: { accountId: USERS.admin, colorMode: 'dark' } });
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    await frame.click('[data-testid="manage-octo-org"]');
    await frame.waitForSelector('[data-testid="account-status--text"]:text-is("Connected")');
    // The frame is painted with Jira's own surface token, so it is no box of another shade on Jira's page.
    const frameSurface = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(frameSurface);
    expect(frameSurface).toBe(
      await frame.evaluate(() => {
        const probe = document.createElement('div');
        probe.style.backgroundColor = 'var(--ds-surface)';
        document.body.append(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;
      }),
    );

    await own.close();
    await frame.click('[data-testid="sync-now-octo/repo-001"]');
    await frame.waitForSelector('[data-testid="account-status--text"]:text-is("Host unreachable")');
    expect(await frame.textContent('[data-testid="account-status-summary"]')).toMatch(
      /^GitHub Enterprise could not be reached the last time the app called it\. octo\/repo-001: GitHub Enterprise could not be reached at/,
    );
    expect(await frame.textContent('[data-testid="sync-octo/repo-001"]')).toMatch(/^Failed · last .+ · GitHub Enterprise could not be reached/);
    await frame.getByText('← All accounts').click();
    expect(await (await frame.waitForSelector('[data-testid="admin-accounts"]')).textContent()).toContain('Host unreachable');
    await deleteAccount(sandbox.ports, account.id).catch(() => undefined);
    await context.close();
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
