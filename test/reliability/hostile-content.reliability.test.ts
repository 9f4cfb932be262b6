import { GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubPullRequest, githubPush } from '../../sandbox/demo/github-payloads';
import { startSandbox } from '../../sandbox/sandbox-server';
import { createAccount } from '../../src/account-admin/create-account';
import { launchChromium } from '../e2e/browser';
import { appFrame, signInAs } from '../e2e/sandbox-page';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { githubRequest } from '../support/webhook-requests';
import { report } from './report';
import { composeApp } from '../../src/app/compose-app';

const SCRIPT = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';
const RTL = '\u202Egnp.exe';

describe('hostile content', () => {
  it('renders as inert text in the panel, with links only to https provider pages, and is stored length-bounded', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-hostile-'));
    const sandbox = await startSandbox({ port: 0, dataDir, demo: false, log: memoryLogger() });
    const browser = await launchChromium();
    try {
      const account = await createAccount(sandbox.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'hostile', authMethod: 'oauth' });
      await linkRepositories(sandbox.ports, account.id, [GITHUB_EXAMPLE]);
      const hooks = composeApp(sandbox.ports).webtriggers;
      const push = githubPush(`DEMO-1-${'<b>x</b>'}`, [
        { sha: '1'.repeat(40), message: `DEMO-1 ${SCRIPT} ${RTL}`, author: { name: `${SCRIPT} ${RTL}`, email: 'x@example.com' }, timestamp: '2026-11-20T10:00:00Z' },
        // Sent twice (commits and head_commit): the delivery stays under the 5 MB Forge lets a web trigger receive.
        { sha: '2'.repeat(40), message: `DEMO-1 huge ${'A'.repeat(2 * 1024 * 1024)}`, timestamp: '2026-11-20T10:01:00Z' },
      ]);
      const pull = githubPullRequest({ number: 5, title: `DEMO-1 ${SCRIPT} ${'T'.repeat(5000)}`, head: 'DEMO-1-x', state: 'open', updatedAt: '2026-11-20T10:02:00Z' });
      // A URL that is not http(s) is refused at the schema, however validly signed the delivery is.
      const hostilePush = structuredClone(push);
      hostilePush.commits[0]!.url = 'javascript:alert(document.domain)';
      hostilePush.commits[1]!.url = 'data:text/html,<script>alert(1)</script>';
      const hostilePull = structuredClone(pull);
      hostilePull.pull_request.html_url = 'javascript:alert(1)';
      for (const [event, payload] of [
        ['push', hostilePush],
        ['pull_request', hostilePull],
      ] as const) {
        const refused = await hooks.githubWebhook(githubRequest(account.id, account.webhookSecret, event, payload));
        expect([refused.statusCode, refused.body]).toEqual([400, expect.stringContaining('must be an http(s) URL')]);
      }
      expect((await hooks.githubWebhook(githubRequest(account.id, account.webhookSecret, 'push', push))).statusCode).toBe(200);
      expect((await hooks.githubWebhook(githubRequest(account.id, account.webhookSecret, 'pull_request', pull))).statusCode).toBe(200);

      const db = sandbox.ports.database.db;
      // Rows stored before URLs were checked at the schema: the panel must still show them without a link.
      await db.updateTable('dev_commit').set({ url: 'javascript:alert(document.domain)' }).where('sha', '=', '1'.repeat(40)).execute();
      await db.updateTable('dev_commit').set({ url: 'data:text/html,<script>alert(1)</script>' }).where('sha', '=', '2'.repeat(40)).execute();
      await db.updateTable('dev_pull_request').set({ url: 'javascript:alert(1)' }).where('number', '=', 5).execute();
      const huge = await db.selectFrom('dev_commit').select('message').where('sha', '=', '2'.repeat(40)).executeTakeFirstOrThrow();
      const title = await db.selectFrom('dev_pull_request').select('title').executeTakeFirstOrThrow();
      expect([huge.message.length, huge.message.endsWith('…')]).toEqual([4000, true]);
      expect([title.title.length, title.title.endsWith('…')]).toEqual([1000, true]);

      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signInAs(page, sandbox.url, USERS.developer);
      await page.goto(`${sandbox.url}/browse/DEMO-1`);
      const frame = await appFrame(page, 'development-panel');
      await frame.waitForSelector('[data-testid="panel-summary"]');
      const text = await frame.locator('body').innerText();
      expect(text).toContain('<img src=x onerror=');
      expect(text).toContain(RTL);
      const links = await frame.locator('a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
      const unsafe = links.filter((href) => !href.startsWith('https://'));
      const ran = [await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), await frame.evaluate(() => (window as unknown as { __xss?: number }).__xss)];
      const injected = await frame.locator('img[src="x"], script:not([src])').count();
      report('Hostile content in the panel', {
        'links rendered': links.length,
        'links not https': unsafe.length,
        'scripts run / dialogs': `${ran.filter(Boolean).length} / ${dialogs.length}`,
        'injected elements': injected,
        'stored message / title length': `${huge.message.length} / ${title.title.length}`,
      });
      expect(unsafe).toEqual([]);
      expect(links.length).toBeGreaterThan(0);
      expect(ran).toEqual([undefined, undefined]);
      expect(dialogs).toEqual([]);
      expect(injected).toBe(0);
      await context.close();
    } finally {
      await browser.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
