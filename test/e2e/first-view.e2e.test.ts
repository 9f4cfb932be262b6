import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(60_000);

type Seen = Window & { __spinnerSeen?: boolean };
type FormatClock = Window & { __formatsMadeAt?: number[]; __rowPaintedAt?: number };

/**
 * How the Development panel loads (static/shared/boot-app.ts): a small entry script sends the first resolver call
 * while the app's chunk loads, the app paints once with its answer, and what the first view does not show (forms,
 * the full list, Atlaskit's message boxes) loads when asked for, with a plain stand-in if it cannot be.
 */
describe('the panel’s first view', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;
  let appFiles: string[];
  let invokes: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-e2e-first-view-'));
    [sandbox, browser] = await Promise.all([startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    appFiles = [];
    invokes = [];
    context = await browser.newContext();
    context.on('request', (request) => {
      const { pathname } = new URL(request.url());
      const app = /^\/__sandbox\/apps\/panel\/assets\/(.+)$/.exec(pathname);
      if (app?.[1]) appFiles.push(app[1]);
      if (pathname === '/__sandbox/invoke') invokes.push(request.postData() ?? '');
    });
    // Notes whether the panel's spinner was ever in the frame, however briefly.
    await context.addInitScript(() => {
      if (window === window.top) return;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="panel-loading"]')) (window as Seen).__spinnerSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
  });
  afterEach(() => context.close());

  async function openPanel(page: Page, user: string, issueKey = 'DEMO-1') {
    await signInAs(page, sandbox.url, user);
    await page.goto(`${sandbox.url}/browse/${issueKey}`);
    return appFrame(page, 'development-panel');
  }
  const panelCalls = () => invokes.filter((body) => body.includes('"functionKey":"getDevelopmentPanel"')).length;

  it('is served from another origin than the page, as Jira serves Custom UI, and cannot reach into the page', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer);
    await frame.waitForSelector('[data-testid="panel-summary"]');
    expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
    expect(await frame.evaluate(() => document.cookie)).toBe('');
    expect(
      await frame.evaluate(() => {
        try {
          return window.parent.document.title;
        } catch {
          return 'refused';
        }
      }),
    ).toBe('refused');
  });

  it('asks for the panel once and paints its answer without a spinner first, loading only the first view’s code', async () => {
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer);
    await frame.waitForSelector('[data-testid="commit-row"]');
    expect(panelCalls()).toBe(1);
    expect(await frame.evaluate(() => (window as Seen).__spinnerSeen ?? false)).toBe(false);
    // The entry, the app's chunk (preloaded by the page) and the stylesheet; no form, list or message box.
    expect(appFiles.filter((file) => file.endsWith('.js')).map((file) => file.replace(/-[\w-]{8}\.js$/, ''))).toEqual(expect.arrayContaining(['index', 'mount']));
    expect(appFiles.some((file) => /^(FullList|CreateBranchSteps|section-message|text-field)-/.test(file))).toBe(false);

    await frame.locator('[data-testid="create-branch"]').click();
    await frame.waitForSelector('[data-testid="create-branch-form"], [data-testid="create-branch-off"]');
    expect(appFiles.some((file) => file.startsWith('CreateBranchSteps-'))).toBe(true);
  });

  it('paints its first rows before it makes any number or date format, then gives its times their full dates', async () => {
    // The first Intl format a page makes costs it 17–30 ms (static/shared/locale-formats.ts): none may come first.
    await context.addInitScript(() => {
      if (window === window.top) return;
      const clock = window as FormatClock;
      clock.__formatsMadeAt = [];
      for (const name of ['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat'] as const) {
        const made = (target: object, args: unknown[]) => {
          clock.__formatsMadeAt?.push(performance.now());
          return Reflect.construct(target as new (...args: unknown[]) => object, args);
        };
        Object.defineProperty(Intl, name, { value: new Proxy(Intl[name], { construct: made, apply: made }), configurable: true, writable: true });
      }
      const rows = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="commit-row"]')?.checkVisibility({ visibilityProperty: true })) return;
        rows.disconnect();
        requestAnimationFrame(() => (clock.__rowPaintedAt = performance.now()));
      });
      rows.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
    });
    const page = await context.newPage();
    const frame = await openPanel(page, USERS.developer);
    const firstTime = frame.locator('[data-testid="commit-row"] time').first();
    expect(await firstTime.textContent()).toMatch(/ ago$|^yesterday$|^this minute$/);
    await frame.waitForFunction(() => (window as FormatClock).__rowPaintedAt !== undefined);
    // The titles come once the format is made: the moment in full, never the ISO text.
    await frame.waitForSelector('[data-testid="commit-row"] time[title]');
    expect(await firstTime.getAttribute('title')).toMatch(/\d{4}/);
    expect(await firstTime.getAttribute('title')).not.toMatch(/\d-\d\dT\d/);
    const { madeAt, paintedAt } = await frame.evaluate(() => ({ madeAt: (window as FormatClock).__formatsMadeAt ?? [], paintedAt: (window as FormatClock).__rowPaintedAt ?? NaN }));
    expect(madeAt.length).toBeGreaterThan(0);
    expect(madeAt.filter((at) => at < paintedAt)).toEqual([]);
  });

  it('shows a spinner when the answer is slow, then the answer', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const page = await context.newPage();
    await signInAs(page, sandbox.url, USERS.developer);
    await page.route('**/__sandbox/invoke', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${sandbox.url}/browse/DEMO-1`);
    const frame = await appFrame(page, 'development-panel');
    await frame.waitForSelector('[data-testid="panel-loading"]', { state: 'visible' });
    release();
    await frame.waitForSelector('[data-testid="commit-row"]');
    expect(panelCalls()).toBe(1);
  });

  it('still says what it must when the code of a message box cannot be loaded', async () => {
    const page = await context.newPage();
    await page.route(/\/assets\/(PanelNotices|section-message)-[\w-]+\.js$/, (route) => route.abort());
    const failed = page.waitForEvent('console', (message) => message.type() === 'error' && message.text().startsWith('A part of this page could not be shown'));
    const frame = await openPanel(page, USERS.viewer);
    await failed;
    // After the failure, not only while loading: the plain stand-in stays, with the back end's words.
    expect(await frame.locator('[data-testid="panel-denied"]').textContent()).toMatch(/View Development Tools|permission/i);
  });
});
