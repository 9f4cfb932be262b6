import type { Frame, Page } from 'playwright-core';

/** Signs in through the sandbox's user switcher, which saves the choice and reloads the page. */
export async function signInAs(page: Page, baseUrl: string, accountId: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await Promise.all([page.waitForEvent('load'), page.selectOption('#sandbox-user', accountId)]);
  if ((await page.inputValue('#sandbox-user')) !== accountId) throw new Error(`could not sign in as ${accountId}`);
}

/** The Custom UI frame of a module on the page. */
export async function appFrame(page: Page, moduleKey: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for ${moduleKey}`);
  return frame;
}
