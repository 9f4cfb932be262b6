import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { commonsLangHistory } from '../support/sync-fixture';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

/** The hosts an admin names by their server's address, each linked from the admin page against its local stand-in. */
const HOSTS = [
  {
    title: 'a self-managed GitLab group with an access token, picking a subgroup’s project',
    option: 'GitLab (gitlab.com or self-managed)',
    provider: 'gitlab',
    serverUrl: (stub: GitHostStub) => stub.gitlabServerUrl,
    token: (stub: GitHostStub) => stub.tokens.gitlab,
    accountName: 'acme',
    tokenOwner: 'octo',
    webhookPath: 'gitlab-webhook',
    repository: 'acme/platform/api',
  },
  {
    title: 'a Bitbucket Data Center project with an HTTP access token',
    option: 'Bitbucket Data Center',
    provider: 'bitbucket-data-center',
    serverUrl: (stub: GitHostStub) => stub.bitbucketDcServerUrl,
    token: (stub: GitHostStub) => stub.tokens.bitbucketDc,
    accountName: 'ACME',
    tokenOwner: 'ACME',
    webhookPath: 'bitbucket-dc-webhook',
    repository: 'ACME/commons-lang',
  },
] as const;

describe.each(HOSTS)('linking $provider in a browser', (host) => {
  let stub: GitHostStub;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `dvcs-${host.provider}-e2e-`));
    stub = await startGitHostStub({ history: commonsLangHistory(150) });
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger(), providerHosts: stub.hosts, allowPrivateHosts: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`links ${host.title}, adds its webhook with the account's secret and syncs it`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.admin);
    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const frame = await appFrame(page, 'dvcs-accounts');
    await frame.click('[data-testid="link-account"]');
    await frame.waitForSelector('[data-testid="link-account-form"]');
    await frame.getByLabel(host.option).check();
    await frame.fill('[data-testid="field-hostUrl"]', host.serverUrl(stub));
    await frame.fill('[data-testid="field-name"]', host.accountName);
    await frame.click('[data-testid="link-account-submit"]');

    await frame.waitForSelector('[data-testid="account-view"]');
    const secret = (await frame.textContent('[data-testid="setup-webhookSecret"]'))!;
    expect(await frame.textContent('[data-testid="setup-webhookUrl"]')).toMatch(new RegExp(`^${sandbox.url}/x/${host.webhookPath}\\?account=acc_`));
    if (host.provider === 'gitlab') expect(await frame.textContent('[data-testid="required-permissions"]')).toContain('api');

    await frame.fill('[data-testid="access-token"]', host.token(stub));
    await frame.click('[data-testid="save-access-token"]');
    await frame.getByText(`Token accepted: it belongs to ${host.tokenOwner}.`).waitFor();
    await frame.getByLabel(host.repository).check();
    await frame.click('[data-testid="save-repositories"]');
    await frame.waitForSelector('[data-testid="link-results"]');
    expect(await frame.textContent('[data-testid="link-results"]')).toContain(`${host.repository}: linked, webhook added`);
    expect(stub.webhooks.map((hook) => [hook.host, hook.repository, hook.secret])).toEqual([[host.provider, host.repository, secret]]);
    await frame.waitForSelector(`[data-testid="sync-${host.repository}"]:has-text("Synced")`);
    const account = await sandbox.ports.database.db.selectFrom('account').select(['provider', 'host_url', 'name']).executeTakeFirstOrThrow();
    expect(account).toEqual({ provider: host.provider, host_url: host.serverUrl(stub), name: host.accountName });
    await context.close();
  });
});
