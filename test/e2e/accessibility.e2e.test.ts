import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Frame, Page } from 'playwright-core';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { useAccessToken } from '../../src/account-admin/authorise-account';
import { createAccount } from '../../src/account-admin/create-account';
import { setRepositoryLinks } from '../../src/account-admin/link-repositories';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { memoryLogger } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame } from './sandbox-page';

jest.setTimeout(180_000);

const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 800] as const;

/**
 * Rules about a whole page's landmarks and title. A Custom UI frame is a fragment of Jira's page (Jira gives
 * the landmarks, the h1 and the title), so axe, which sees the frame as a document of its own, would ask
 * each frame for what only its host page can have.
 */
const PAGE_LEVEL_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'document-title'];

interface Finding {
  rule: string;
  impact: string | null;
  targets: string[];
  summary: string;
}

/**
 * Runs axe-core inside one app frame and returns its violations in a readable form. Besides axe's own rules
 * (with WCAG 2.5.3 "label in name", still experimental in axe, switched on), controls must not share an
 * accessible name ("Copy" three times, or "Sync now" on every row, tells a screen-reader user nothing), and
 * a control with a visible label must be named by exactly that label.
 */
async function audit(frame: Frame): Promise<Finding[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
  return frame.evaluate(async (disabled) => {
    // accessibleTextVirtual and getNodeFromTree are axe's own name computation (not in its typings): the
    // name a screen reader announces, by the accessible-name algorithm.
    type VirtualNode = object;
    const engine = (window as unknown as { axe: typeof axe }).axe as typeof axe & {
      commons: { text: { accessibleTextVirtual: (node: VirtualNode) => string } };
      utils: { getNodeFromTree: (element: Element) => VirtualNode | null };
    };
    const rules = { ...Object.fromEntries(disabled.map((rule) => [rule, { enabled: false }])), 'label-content-name-mismatch': { enabled: true } };
    const result = await engine.run(document, { resultTypes: ['violations'], rules });
    const findings = result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      targets: violation.nodes.map((node) => node.target.join(' ')),
      summary: violation.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') ?? violation.help,
    }));
    const names = new Map<string, number>();
    engine.setup(document);
    for (const control of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [role="switch"], [role="link"]')) {
      if ((control as HTMLElement).closest('[hidden], [aria-hidden="true"]') || (control as HTMLInputElement).type === 'hidden') continue;
      const name = engine.commons.text.accessibleTextVirtual(engine.utils.getNodeFromTree(control)!).trim().toLowerCase();
      if (name) names.set(name, (names.get(name) ?? 0) + 1);
    }
    // A control labelled by an element the reader sees must be named by that text, not by other words.
    const mislabelled: string[] = [];
    for (const input of document.querySelectorAll<HTMLInputElement>('input[aria-label], input[aria-labelledby]')) {
      const visible = [...(input.labels ?? [])]
        .map((label) => {
          // What assistive technology is told to skip (a required field's asterisk) is not part of the label.
          const shown = label.cloneNode(true) as HTMLElement;
          shown.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
          return (shown.textContent ?? '').replace(/\s+/g, ' ').trim();
        })
        .filter(Boolean)
        .join(' ');
      const name = engine.commons.text.accessibleTextVirtual(engine.utils.getNodeFromTree(input)!).trim();
      if (visible && visible !== name) mislabelled.push(`"${name}" shown as "${visible}"`);
    }
    engine.teardown();
    if (mislabelled.length > 0)
      findings.push({ rule: 'name-equals-visible-label', impact: 'moderate', targets: mislabelled, summary: 'Accessible name differs from the visible label' });
    const shared = [...names].filter(([, count]) => count > 1).map(([name, count]) => `"${name}" ×${count}`);
    if (shared.length > 0) findings.push({ rule: 'unique-control-names', impact: 'moderate', targets: shared, summary: 'Controls share an accessible name' });
    return findings;
  }, PAGE_LEVEL_RULES);
}

/**
 * axe-core on every page of both apps, as every seeded user, in the light and dark theme, at 1280 and 800 px.
 * One browser; per user and theme one page, whose viewport is resized rather than reloaded.
 */
describe('accessibility of the admin page and the Development panel (axe-core)', () => {
  let sandbox: RunningSandbox;
  let stub: GitHostStub;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-a11y-'));
    stub = await startGitHostStub({ githubRepositories: 3 });
    [sandbox, browser] = await Promise.all([
      startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true, providerHosts: stub.hosts, allowPrivateHosts: true }),
      launchChromium(),
    ]);
    // Besides the demo's webhook-fed accounts, one with a credential and two repositories: every per-row control shows.
    const octo = await createAccount(sandbox.ports, { provider: 'github-enterprise', hostUrl: stub.enterpriseUrl, name: 'octo', authMethod: 'oauth' });
    await useAccessToken(sandbox.ports, octo.id, stub.tokens.github);
    await setRepositoryLinks(
      sandbox.ports,
      octo.id,
      ['octo/repo-001', 'octo/repo-002'].map((fullName, index) => ({ providerRepoId: String(5000 + index), fullName, url: `${stub.url}/${fullName}`, linked: true })),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Audits the frame at each width; each finding is labelled with where it was found. */
  async function auditWidths(page: Page, frame: Frame, where: string, ready: () => Promise<unknown>): Promise<string[]> {
    const found: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await ready();
      for (const finding of await audit(frame)) {
        found.push(`${where} @${width}px: ${finding.rule} (${finding.impact}) on ${finding.targets.slice(0, 3).join(' | ')} — ${finding.summary}`);
      }
    }
    return found;
  }

  const users = loadSeed().users;

  it.each(users.map((user) => [user.displayName, user.accountId, user.groups.includes('jira-administrators')] as const))(
    'finds no violation for %s',
    async (_name, accountId, isAdmin) => {
      const violations: string[] = [];
      for (const theme of THEMES) {
        const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 900 } });
        await context.request.post(`${sandbox.url}/__sandbox/session`, { data: { accountId, colorMode: theme } });
        const page = await context.newPage();

        await page.goto(`${sandbox.url}/jira/settings/apps/dvcs-accounts`);
        const admin = await appFrame(page, 'dvcs-accounts');
        if (isAdmin) {
          const list = () => admin.waitForSelector('[data-testid="admin-accounts"]');
          violations.push(...(await auditWidths(page, admin, `${theme} accounts list`, list)));

          await admin.fill('[data-testid="diagnostics-query"]', 'DEMO-1 UTF-8 Fix the decoder');
          await admin.click('[data-testid="diagnostics-run"]');
          violations.push(...(await auditWidths(page, admin, `${theme} diagnostics`, () => admin.waitForSelector('[data-testid="diagnostics-steps"]'))));

          await admin.click('[data-testid="manage-Codertocat"]');
          violations.push(...(await auditWidths(page, admin, `${theme} account view (webhooks only)`, () => admin.waitForSelector('[data-testid="account-view"]'))));

          await admin.getByText('← All accounts').click();
          await admin.click('[data-testid="manage-octo"]');
          await admin.waitForSelector('[data-testid="full-resync-octo/repo-002"]');
          // With a field's problem showing, and the confirmation before unlinking open.
          await admin.fill('#oauth-client-id', 'not a key');
          await admin.click('[data-testid="save-oauth-client"]');
          await admin.waitForSelector('[data-testid="oauth-client-id-problem"]');
          await admin.click('[data-testid="unlink-octo/repo-001"]');
          const unlinkReady = () => admin.waitForSelector('[data-testid="unlink-impact"]');
          violations.push(...(await auditWidths(page, admin, `${theme} account view (connected, unlinking)`, unlinkReady)));

          await page.reload();
          const reloaded = await appFrame(page, 'dvcs-accounts');
          await reloaded.click('[data-testid="link-account"]');
          // With its field-level messages showing, as after a submit with nothing filled in.
          await reloaded.click('[data-testid="link-account-submit"]');
          violations.push(...(await auditWidths(page, reloaded, `${theme} link-account form`, () => reloaded.waitForSelector('[data-testid="link-account-form"]'))));
        } else {
          violations.push(...(await auditWidths(page, admin, `${theme} admin page (not an admin)`, () => admin.waitForSelector('[data-testid="error-message"]'))));
        }

        // An issue the user may browse: Olivia sees only OPS.
        const issueKey = sandbox.site.canBrowse({ kind: 'user', accountId }, 'DEMO') ? 'DEMO-1' : 'OPS-1';
        await page.goto(`${sandbox.url}/browse/${issueKey}`);
        const panel = await appFrame(page, 'development-panel');
        const panelReady = () => panel.waitForFunction(() => document.querySelector('#root > *') !== null && document.querySelector('[data-testid="panel-loading"]') === null);
        violations.push(...(await auditWidths(page, panel, `${theme} issue panel ${issueKey}`, panelReady)));
        await context.close();
      }
      expect(violations).toEqual([]);
    },
  );
});
