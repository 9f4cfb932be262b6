import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { violations } from './frame-violations';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

const sha = (n: number) => createHash('sha1').update(`panel-e2e-${n}`).digest('hex');

/**
 * The Development panel in a browser, on the sandbox's demo data (delivered through its webtriggers as the Git
 * hosts would): reviewers on pull requests, a commit in two repositories, a branch with an open pull request,
 * and a long list reached from the summary and narrowed on the server.
 */
describe('Development panel in a browser', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;
  let invokes: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-e2e-panel-'));
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true });
    browser = await launchChromium();
    // DEMO-3 has no demo work: 148 commits and a branch without a pull request are added here.
    const { db } = sandbox.ports.database;
    const repository = await db.selectFrom('repository').select('id').where('full_name', '=', 'Codertocat/Hello-World').executeTakeFirstOrThrow();
    const base = Date.parse('2026-11-01T10:00:00Z');
    const commits = Array.from({ length: 148 }, (_, n) => ({ sha: sha(n), message: `DEMO-3 Step ${n + 1} of the migration`, time: base + n * 60_000 }));
    for (let start = 0; start < commits.length; start += 50) {
      const batch = commits.slice(start, start + 50);
      await db
        .insertInto('dev_commit')
        .values(
          batch.map((commit) => ({
            repository_id: repository.id,
            sha: commit.sha,
            message: commit.message,
            author_name: 'Dana Developer',
            author_email: 'dana@example.com',
            authored_at: commit.time,
            url: `https://github.com/Codertocat/Hello-World/commit/${commit.sha}`,
            files_changed: 1,
          })),
        )
        .execute();
      await db
        .insertInto('issue_link')
        .values(
          batch.map((commit) => ({ issue_key: 'DEMO-3', project_key: 'DEMO', item_kind: 'commit', repository_id: repository.id, item_key: commit.sha, item_time: commit.time })),
        )
        .execute();
    }
    await db
      .insertInto('dev_branch')
      .values({
        repository_id: repository.id,
        name: 'DEMO-3-migration',
        head_sha: sha(147),
        url: 'https://github.com/Codertocat/Hello-World/tree/DEMO-3-migration',
        deleted: 0,
        updated_at: base,
      })
      .execute();
    await db
      .insertInto('issue_link')
      .values({ issue_key: 'DEMO-3', project_key: 'DEMO', item_kind: 'branch', repository_id: repository.id, item_key: 'DEMO-3-migration', item_time: base })
      .execute();
    // Five pull requests, two open, one of them in the mirror.
    const mirror = await db.selectFrom('repository').select('id').where('full_name', '=', 'Codertocat/Hello-World-mirror').executeTakeFirstOrThrow();
    const pulls = [
      { repositoryId: repository.id, number: 31, state: 'MERGED' as const },
      { repositoryId: repository.id, number: 32, state: 'MERGED' as const },
      { repositoryId: repository.id, number: 33, state: 'DECLINED' as const },
      { repositoryId: repository.id, number: 34, state: 'OPEN' as const },
      { repositoryId: mirror.id, number: 35, state: 'OPEN' as const },
    ];
    for (const pull of pulls) {
      const repositoryName = pull.repositoryId === mirror.id ? 'Hello-World-mirror' : 'Hello-World';
      await db
        .insertInto('dev_pull_request')
        .values({
          repository_id: pull.repositoryId,
          number: pull.number,
          title: `DEMO-3 Migration part ${pull.number}`,
          state: pull.state,
          source_branch: `DEMO-3-part-${pull.number}`,
          destination_branch: 'master',
          author_name: 'dana',
          updated_at: base + pull.number * 1000,
          url: `https://github.com/Codertocat/${repositoryName}/pull/${pull.number}`,
        })
        .execute();
      await db
        .insertInto('issue_link')
        .values({
          issue_key: 'DEMO-3',
          project_key: 'DEMO',
          item_kind: 'pull_request',
          repository_id: pull.repositoryId,
          item_key: String(pull.number),
          item_time: base + pull.number * 1000,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    invokes = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('request', (request) => {
      if (request.url().endsWith('/__sandbox/invoke')) invokes.push(request.postData() ?? '');
    });
  });
  afterEach(() => context.close());

  async function openPanel(page: Page, user: string, issueKey: string): Promise<Frame> {
    await signInAs(page, sandbox.url, user);
    await page.goto(`${sandbox.url}/browse/${issueKey}`);
    const frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-summary"]');
    return frame;
  }
  const rowWith = (frame: Frame, kind: 'commit' | 'branch' | 'pull-request', text: string) => frame.locator(`[data-testid="${kind}-row"]`, { hasText: text });

  it('shows who reviews each pull request and where they stand, from GitHub reviews and Bitbucket participants', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer, 'DEMO-1');
    const pull = rowWith(frame, 'pull-request', 'DEMO-1 Log in with GitHub');
    const reviewers = pull.locator('[data-testid="reviewer"]');
    // Each standing has a drawn mark (a glyph could be missing from the reader's fonts) beside its words.
    expect(await reviewers.evaluateAll((items) => items.map((item) => [item.getAttribute('data-state'), item.querySelectorAll('svg').length, item.textContent?.trim()]))).toEqual([
      ['CHANGES_REQUESTED', 1, 'monalisa (changes requested)'],
      ['APPROVED', 1, 'hubot (approved)'],
      ['PENDING', 1, 'octocat (pending)'],
    ]);
    // The tick says "approved" to a screen reader; the words are there for everything else too.
    expect(await pull.getByRole('list', { name: 'Reviewers' }).getByRole('listitem').allTextContents()).toHaveLength(3);
    // No avatar is loaded from anywhere.
    expect(await frame.locator('img').count()).toBe(0);

    const ops = await openPanel(page, USERS.admin, 'OPS-1');
    expect((await rowWith(ops, 'pull-request', 'OPS-1 Rotate the deploy keys').locator('[data-testid="reviewer"]').allTextContents()).map((text) => text.trim())).toEqual([
      'Dana Developer (approved)',
      'Alice Admin (pending)',
    ]);
  });

  it('lists a commit that is in two repositories (a mirror) once, naming both', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer, 'DEMO-1');
    expect(await frame.textContent('[data-testid="panel-summary"]')).toContain('3 commits');
    const mirrored = rowWith(frame, 'commit', 'Cache the user profile');
    expect(await mirrored.count()).toBe(1);
    // A link to the commit in each repository, named for the repository and the commit.
    const links = mirrored.locator('[data-testid="commit-repositories"]').getByRole('link');
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => [anchor.firstChild?.textContent, anchor.getAttribute('href')]))).toEqual([
      ['Codertocat/Hello-World', expect.stringMatching(/^https:\/\/github\.com\/Codertocat\/Hello-World\/commit\/[0-9a-f]{40}$/)],
      ['Codertocat/Hello-World-mirror', expect.stringMatching(/^https:\/\/github\.com\/Codertocat\/Hello-World-mirror\/commit\/[0-9a-f]{40}$/)],
    ]);
    expect(await mirrored.getByRole('link', { name: /^Codertocat\/Hello-World-mirror \(commit [0-9a-f]{7}\)$/ }).count()).toBe(1);
  });

  it('shows a branch’s open pull request instead of "Create pull request", and offers it where there is none', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer, 'DEMO-1');
    const branch = rowWith(frame, 'branch', 'DEMO-1-github-login');
    expect(await branch.locator('[data-testid="branch-pull-request"]').innerText()).toMatch(/OPEN\s*Pull request #12/);
    expect(await branch.getByRole('link', { name: 'Pull request #12 in Codertocat/Hello-World' }).getAttribute('href')).toBe('https://github.com/Codertocat/Hello-World/pull/12');
    expect(await branch.locator('[data-testid="create-pull-request"]').count()).toBe(0);

    const other = await openPanel(page, USERS.developer, 'DEMO-3');
    const lone = rowWith(other, 'branch', 'DEMO-3-migration');
    expect(await lone.getByRole('link', { name: 'Create pull request from DEMO-3-migration in Codertocat/Hello-World' }).getAttribute('href')).toBe(
      'https://github.com/Codertocat/Hello-World/compare/DEMO-3-migration?expand=1',
    );
  });

  it('opens with the counts and the newest items, the full list one click away, narrowed on the server, and back', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer, 'DEMO-3');
    expect(await frame.textContent('[data-testid="panel-summary"]')).toContain('148 commits');
    expect(await frame.locator('[data-testid="section-commit"] [data-testid="commit-row"]').count()).toBe(3);
    expect(await frame.locator('[data-testid="commit-row"]').first().innerText()).toContain('Step 148 of the migration');

    await frame.getByRole('button', { name: 'Show all 148 commits' }).click();
    const list = frame.locator('[data-testid="full-list-commit"]');
    await list.locator('[data-testid="commit-row"]').nth(99).waitFor();
    expect(await frame.locator('[data-testid="list-status"]').innerText()).toBe('100 of 148 shown');
    // The heading takes focus, so a screen reader starts reading the list.
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('All 148 commits');

    // 148 commits are one click more, not seven.
    await frame.getByRole('button', { name: 'Load more commits' }).click();
    await list.locator('[data-testid="commit-row"]').nth(147).waitFor();
    expect(await frame.getByRole('button', { name: 'Load more commits' }).count()).toBe(0);

    await frame.getByLabel('Find commits').fill('step 14');
    await frame.waitForFunction(() => document.querySelector('[data-testid="list-status"]')?.textContent === '10 commits shown');
    expect(await list.locator('[data-testid="commit-row"]').allInnerTexts()).toHaveLength(10);
    expect(invokes.some((body) => body.includes('"functionKey":"getDevelopmentItems"') && body.includes('"text":"step 14"'))).toBe(true);
    await frame.getByLabel('Find commits').fill('no such step');
    await frame.waitForFunction(() => document.querySelector('[data-testid="list-status"]')?.textContent === 'No commits match.');

    await frame.getByRole('button', { name: '← Back to summary' }).click();
    await frame.waitForSelector('[data-testid="section-commit"]');
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Show all 148 commits');
  });

  it('narrows pull requests by state and by repository', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer, 'DEMO-3');
    expect(await frame.locator('[data-testid="section-pull_request"] [data-testid="pull-request-row"]').count()).toBe(3);
    await frame.getByRole('button', { name: 'Show all 5 pull requests' }).click();
    const titles = () => frame.locator('[data-testid="full-list-pull_request"] [data-testid="pull-request-row"] a').allInnerTexts();
    await frame.waitForFunction(() => document.querySelector('[data-testid="list-status"]')?.textContent === '5 of 5 shown');
    await frame.getByLabel('State').selectOption('OPEN');
    await frame.waitForFunction(() => document.querySelector('[data-testid="list-status"]')?.textContent === '2 pull requests shown');
    expect(await titles()).toEqual(['DEMO-3 Migration part 35', 'DEMO-3 Migration part 34']);
    await frame.getByLabel('Repository').selectOption({ label: 'Codertocat/Hello-World-mirror' });
    await frame.waitForFunction(() => document.querySelector('[data-testid="list-status"]')?.textContent === '1 pull request shown');
    expect(await titles()).toEqual(['DEMO-3 Migration part 35']);
    expect(invokes.some((body) => body.includes('"state":"OPEN"') && body.includes('"repositoryId":"repo_'))).toBe(true);
  });

  it.each(['light', 'dark'] as const)('has no axe violations in the summary and the full list, %s', async (theme) => {
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.developer);
    if (theme === 'dark') await Promise.all([page.waitForEvent('load'), page.click('#sandbox-theme-toggle')]);
    await page.goto(`${sandbox.url}/browse/DEMO-3`);
    const frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-summary"]');
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe(theme);
    expect(await violations(frame)).toEqual([]);
    await frame.getByRole('button', { name: 'Show all 148 commits' }).click();
    await frame.locator('[data-testid="full-list-commit"] [data-testid="commit-row"]').nth(99).waitFor();
    expect(await violations(frame)).toEqual([]);
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    const demo = await appFrame(page, 'development-panel');
    await demo.waitForSelector('[data-testid="reviewer"]');
    expect(await violations(demo)).toEqual([]);
    await page.screenshot({ path: join(dataDir, `panel-${theme}.png`), fullPage: true });
  });
});
