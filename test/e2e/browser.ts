import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { bundledChromium } from './chromium/bundled-chromium';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Which Chromium runs, and why: the first of CHROMIUM_PATH, Debian's Chromium, the one @sparticuz/chromium ships. */
export interface ChromiumChoice {
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  executablePath: string;
  env: Record<string, string>;
}

/**
 * `DVCS_CHROMIUM=bundled` (or `launchChromium({ bundled: true })`) skips the first two, to prove the tests pass
 * on a machine with only Node and npm. Playwright's own browser download is not used: it cannot run here.
 */
export async function chooseChromium(options: { bundled?: boolean } = {}): Promise<ChromiumChoice> {
  const bundledOnly = options.bundled === true || process.env.DVCS_CHROMIUM === 'bundled';
  if (!bundledOnly && process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist.`);
    return { source: 'CHROMIUM_PATH', executablePath: process.env.CHROMIUM_PATH, env: {} };
  }
  if (!bundledOnly && existsSync(SYSTEM_CHROMIUM)) return { source: 'system', executablePath: SYSTEM_CHROMIUM, env: {} };
  const bundled = await bundledChromium();
  return { source: 'bundled', executablePath: bundled.executablePath, env: bundled.env };
}

/**
 * Starts the chosen Chromium. The bundled one (chrome-headless-shell built for Amazon Linux) runs without its zygote,
 * as its package runs it, and a launch that dies on start (it has, rarely, with SIGSEGV on a loaded machine) is
 * tried once more: a crash at start is the machine's, not the page's, and a second one still fails the test.
 */
export async function launchChromium(options: { bundled?: boolean } = {}): Promise<Browser> {
  const choice = await chooseChromium(options);
  const launch = () =>
    chromium.launch({
      executablePath: choice.executablePath,
      headless: true,
      env: { ...process.env, ...choice.env },
      // The closed network here refuses Chromium's background connections; these flags stop it trying.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(choice.source === 'bundled' ? ['--no-zygote'] : []),
      ],
    });
  try {
    return await launch();
  } catch (error) {
    console.warn(`Chromium (${choice.source}) did not start, trying once more: ${String(error).split('\n')[0]}`);
    return launch();
  }
}
