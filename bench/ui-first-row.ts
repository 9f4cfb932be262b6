import type { Browser } from 'playwright-core';
import { appFrame } from '../test/e2e/sandbox-page';
import type { UiApp } from './ui-bundle-sizes';

/** A page of the sandbox whose app frame shows rows, and who opens it. */
export interface RowPage {
  app: UiApp;
  path: string;
  accountId: string;
  moduleKey: string;
  /** The rows: the first to be painted ends the measurement. */
  rowSelector: string;
}

export interface ColdLoad {
  /** From the start of the page's navigation to the animation frame that paints the app's first row. */
  firstRowMs: number;
  /** The app's files the browser fetched, relative to its build folder. */
  appFiles: string[];
}

type RowClock = Window & { __firstRowPaintedAt?: number };

/**
 * Opens the page in a fresh browser context (empty HTTP cache, no cookies but the signed-in user), as a user's first
 * visit would be. Inside the app frame a MutationObserver, installed before any of the page's scripts run, notes the
 * first visible row and then the next animation frame, which paints it: the time is read from the frame's own clock, so
 * polling from here adds nothing to it.
 */
export async function coldLoad(browser: Browser, baseUrl: string, target: RowPage): Promise<ColdLoad> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: 'sandbox_user', value: encodeURIComponent(target.accountId), url: baseUrl }]);
    await context.addInitScript((selector: string) => {
      if (window === window.top) return;
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)?.checkVisibility({ visibilityProperty: true })) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          (window as RowClock).__firstRowPaintedAt = performance.timeOrigin + performance.now();
        });
      });
      // Style changes too: the app shows itself (visibility) once themed, maybe after its rows are in the page.
      observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
    }, target.rowSelector);
    const page = await context.newPage();
    const appFiles: string[] = [];
    // The app's files come from the apps' own origin, not the page's (sandbox/host/app-origin.ts).
    page.on('response', (response) => {
      const app = /^\/__sandbox\/apps\/[^/]+\/(.+)$/.exec(new URL(response.url()).pathname);
      if (app?.[1]) appFiles.push(app[1]);
    });
    await page.goto(`${baseUrl}${target.path}`);
    const frame = await appFrame(page, target.moduleKey);
    await frame
      .waitForFunction(() => (window as RowClock).__firstRowPaintedAt !== undefined, undefined, { timeout: 20_000 })
      .catch((error: unknown) => {
        throw new Error(`${target.app}: no row matching ${target.rowSelector} in ${target.path} (${error instanceof Error ? error.message : String(error)})`);
      });
    const paintedAt = await frame.evaluate(() => (window as RowClock).__firstRowPaintedAt ?? NaN);
    const navigationStart = await page.evaluate(() => performance.timeOrigin);
    return { firstRowMs: paintedAt - navigationStart, appFiles };
  } finally {
    await context.close();
  }
}
