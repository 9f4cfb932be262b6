/**
 * `npm run screenshots`: renders the sandbox's pages in headless Chromium, light and dark, into docs/.
 * Uses the demo data and a local Git host stub, so it needs no network.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../test/e2e/browser';
import { appFrame, signInAs } from '../test/e2e/sandbox-page';
import { startGitHostStub } from './provider-stub/git-host-stub';
import { startSandbox } from './sandbox-server';
import { setRepositoryLinks } from '../src/account-admin/link-repositories';
import { useAccessToken } from '../src/account-admin/authorise-account';
import { createAccount } from '../src/account-admin/create-account';
import { runJiraCopy } from '../src/jira-copy/jira-copy-job';

const out = resolve('docs');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-screens-'));
const stub = await startGitHostStub({ githubRepositories: 6 });
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const sandbox = await startSandbox({ port: 0, dataDir, demo: true, log: quiet, providerHosts: stub.hosts, allowPrivateHosts: true });
// An account on the local stub that allows creating branches, for the Create branch form.
stub.history.unshift({ sha: 'b'.repeat(40), message: 'Initial commit', author: { name: 'Octo', email: 'octo@example.com', date: '2026-11-01T10:00:00Z' } });
const octo = await createAccount(sandbox.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'octo', authMethod: 'oauth', settings: { allowBranchCreation: true } });
await useAccessToken(sandbox.ports, octo.id, stub.tokens.github);
await setRepositoryLinks(sandbox.ports, octo.id, [{ providerRepoId: '5001', fullName: 'octo/repo-002', url: `${stub.url}/octo/repo-002`, linked: true }]);
// Issue properties and Jira's development information, as the queue would write them a few seconds later.
for (let run = await runJiraCopy(sandbox.ports); run.next && !run.next.delayInSeconds; run = await runJiraCopy(sandbox.ports));
const browser = await launchChromium();
try {
  for (const colorMode of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await signInAs(page, sandbox.url, '557058:admin-alice');
    await page.evaluate((mode) => fetch('/__sandbox/session', { method: 'POST', body: JSON.stringify({ colorMode: mode }) }), colorMode);

    await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    let frame = await appFrame(page, 'dvcs-accounts');
    await frame.waitForSelector('[data-testid="admin-accounts"]');
    await page.screenshot({ path: join(out, `admin-accounts-${colorMode}.png`), fullPage: true });

    const commit = await sandbox.ports.database.db.selectFrom('dev_commit').select('sha').where('message', 'like', 'DEMO-2 Show an empty state%').executeTakeFirstOrThrow();
    await frame.fill('[data-testid="diagnostics-query"]', commit.sha.slice(0, 10));
    await frame.click('[data-testid="diagnostics-run"]');
    await frame.waitForSelector('[data-testid="diagnostics-steps"]');
    await (await frame.$('[data-testid="diagnostics"]'))!.screenshot({ path: join(out, `admin-diagnostics-${colorMode}.png`) });

    await frame.click('[data-testid="manage-Codertocat"]');
    await frame.waitForSelector('[data-testid="account-view"]');
    await page.screenshot({ path: join(out, `admin-account-${colorMode}.png`), fullPage: true });

    await frame.getByText('← All accounts').click();
    await frame.click('[data-testid="link-account"]');
    await frame.waitForSelector('[data-testid="link-account-form"]');
    await frame.getByLabel('GitHub Enterprise Server').check();
    await page.screenshot({ path: join(out, `admin-link-account-${colorMode}.png`), fullPage: true });

    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-summary"]');
    await page.screenshot({ path: join(out, `development-panel-${colorMode}.png`), fullPage: true });
    await frame.waitForSelector('[data-testid="section-deployments"]');
    await (await page.$('iframe[data-module-key="development-panel"]'))!.screenshot({ path: join(out, `panel-builds-${colorMode}.png`) });

    await signInAs(page, sandbox.url, '557058:dev-dana');
    await page.goto(`${sandbox.url}/browse/DEMO-3`);
    frame = await appFrame(page, 'development-panel');
    await frame.click('[data-testid="create-branch"]');
    await frame.waitForSelector('[data-testid="create-branch-form"]');
    await page.screenshot({ path: join(out, `create-branch-${colorMode}.png`), fullPage: true });
    await context.close();

    // The width of a laptop with Jira's sidebar open: nothing may be cut off.
    const narrow = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const narrowPage = await narrow.newPage();
    await signInAs(narrowPage, sandbox.url, '557058:admin-alice');
    await narrowPage.evaluate((mode) => fetch('/__sandbox/session', { method: 'POST', body: JSON.stringify({ colorMode: mode }) }), colorMode);
    await narrowPage.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
    const narrowFrame = await appFrame(narrowPage, 'dvcs-accounts');
    await narrowFrame.click('[data-testid="manage-Codertocat"]');
    await narrowFrame.waitForSelector('[data-testid="account-view"]');
    await narrowPage.screenshot({ path: join(out, `admin-account-800-${colorMode}.png`), fullPage: true });
    await narrowPage.goto(`${sandbox.url}/browse/DEMO-1`);
    await (await appFrame(narrowPage, 'development-panel')).waitForSelector('[data-testid="panel-summary"]');
    await narrowPage.screenshot({ path: join(out, `development-panel-800-${colorMode}.png`), fullPage: true });
    await narrow.close();
  }
  console.log(`Screenshots written to ${out}`);
} finally {
  await browser.close();
  await sandbox.close();
  await stub.close();
  rmSync(dataDir, { recursive: true, force: true });
}
