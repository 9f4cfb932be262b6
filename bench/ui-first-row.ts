import type { Browser } from 'playwright-core';
import type { UiApp } from './ui-bundle-sizes';

/** A page of the sandbox whose app frame shows rows, and who opens it. */
export interface RowPage {
  app: UiApp;
  path: string;
  accountId: string;
  /** The rows: the first to be painted ends the measurement. */
  rowSelector: string;
}

export interface ColdLoad {
  /** From the start of the page's navigation to the animation frame that paints the app's first row. */
  firstRowMs: number;
  /** The app's files the browser fetched, relative to its build folder. */
  appFiles: string[];
}

/** What the frame logs once its first row is painted, followed by the time (on the frame's own clock). */
const PAINTED = 'dvcs-bench first row painted at ';

/**
 * Opens the page in a fresh browser context (empty HTTP cache, no cookies but the signed-in user), as a user's first
 * visit would be. Inside the app frame a MutationObserver, installed before any of the page's scripts run, notes the
 * first visible row and then the next animation frame, which paints it, and logs that time from the frame's own clock.
 * Nothing here reaches into the page until then: Playwright's queries and polling run on the page's main thread (its
 * injected script alone takes 10 ms or more to compile in each frame), so waiting on them would slow what is measured.
 */
export async function coldLoad(browser: Browser, baseUrl: string, target: RowPage): Promise<ColdLoad> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: 'sandbox_user', value: encodeURIComponent(target.accountId), url: baseUrl }]);
    await context.addInitScript(
      ([selector, painted]) => {
        if (window === window.top) return;
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)?.checkVisibility({ visibilityProperty: true })) return;
          observer.disconnect();
          requestAnimationFrame(() => console.log(`${painted}${performance.timeOrigin + performance.now()}`));
        });
        // Style changes too: the app shows itself (visibility) once themed, maybe after its rows are in the page.
        observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
      },
      [target.rowSelector, PAINTED] as const,
    );
    const page = await context.newPage();
    const appFiles: string[] = [];
    // The app's files come from the apps' own origin, not the page's (sandbox/host/app-origin.ts).
    page.on('response', (response) => {
      const app = /^\/__sandbox\/apps\/[^/]+\/(.+)$/.exec(new URL(response.url()).pathname);
      if (app?.[1]) appFiles.push(app[1]);
    });
    const painted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(PAINTED), timeout: 20_000 });
    await page.goto(`${baseUrl}${target.path}`);
    const message = await painted.catch((error: unknown) => {
      throw new Error(`${target.app}: no row matching ${target.rowSelector} in ${target.path} (${error instanceof Error ? error.message : String(error)})`);
    });
    const paintedAt = Number(message.text().slice(PAINTED.length));
    const navigationStart = await page.evaluate(() => performance.timeOrigin);
    return { firstRowMs: paintedAt - navigationStart, appFiles };
  } finally {
    await context.close();
  }
}
