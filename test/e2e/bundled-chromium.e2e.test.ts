import { mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandbox-server';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { chooseChromium, launchChromium } from './browser';
import { appFrame, signInAs } from './sandbox-page';

jest.setTimeout(90_000);

/** What a Debian system with only Node and npm installed has: glibc (libc6) and libgcc (libgcc-s1). */
const BASE_SYSTEM_LIBRARY = /^(ld-linux-x86-64|libc|libm|libdl|libpthread|librt|libresolv|libnss_(files|dns)|libgcc_s)\.so(\.\d+)*$/;

/** The shared libraries mapped into every running process of `executable`, from /proc (Linux). */
function librariesMappedBy(executable: string): string[] {
  const libraries = new Set<string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let maps: string;
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== executable) continue;
      maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
    } catch {
      continue; // a process that ended meanwhile, or another user's
    }
    for (const [path] of maps.matchAll(/\/\S+\.so(?:\.[\d.]+)?$/gm)) libraries.add(path);
  }
  return [...libraries];
}

/**
 * `npm install && npm test` on a machine with only Node and npm: no Debian Chromium, no NSS. The browser tests then
 * run the Chromium that @sparticuz/chromium ships, with the libraries it ships beside it.
 */
describe('the Chromium an npm package ships', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bundled-chromium-'));
    [sandbox, browser] = await Promise.all([startSandbox({ port: 0, dataDir, log: memoryLogger(), demo: true }), launchChromium({ bundled: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is the one chosen when DVCS_CHROMIUM=bundled, and is the version the package names', async () => {
    const previous = process.env.DVCS_CHROMIUM;
    process.env.DVCS_CHROMIUM = 'bundled';
    try {
      const choice = await chooseChromium();
      expect(choice.source).toBe('bundled');
      expect(choice.executablePath).toMatch(/node_modules\/\.cache\/bundled-chromium\/\d+\.\d+\.\d+\/chromium$/);
      const packageVersion = /bundled-chromium\/(\d+)\./.exec(choice.executablePath)?.[1];
      expect(browser.version().split('.')[0]).toBe(packageVersion);
    } finally {
      if (previous === undefined) delete process.env.DVCS_CHROMIUM;
      else process.env.DVCS_CHROMIUM = previous;
    }
  });

  it('renders the Development panel, with text, in the sandbox', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signInAs(page, sandbox.url, USERS.developer);
      await page.goto(`${sandbox.url}/browse/DEMO-1`);
      const frame = await appFrame(page, 'development-panel');
      await frame.getByText('DEMO-1 Log in with GitHub').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('draws text with the font it ships, found through its own fontconfig file, not a font of the system', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<p id="text">DEMO-1 Log in with GitHub</p>');
      const devtools = await page.context().newCDPSession(page);
      const { root } = await devtools.send('DOM.getDocument');
      const { nodeId } = await devtools.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#text' });
      await devtools.send('CSS.enable');
      const { fonts } = await devtools.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.map((font) => font.familyName)).toEqual(['Open Sans']);
    } finally {
      await page.close();
    }
  });

  it('needs nothing from the system beyond glibc and libgcc: its NSS, NSPR and expat come from its own folder', async () => {
    // /proc names files by their real path, whatever link node_modules is reached through.
    const executablePath = realpathSync((await chooseChromium({ bundled: true })).executablePath);
    const libraries = librariesMappedBy(executablePath);
    const own = libraries.filter((path) => path.startsWith(join(dirname(executablePath), 'lib') + '/'));
    const system = libraries.filter((path) => !own.includes(path));
    expect(own.map((path) => path.split('/').pop()).sort()).toEqual(expect.arrayContaining(['libnspr4.so', 'libnss3.so', 'libnssutil3.so']));
    expect(system.filter((path) => !BASE_SYSTEM_LIBRARY.test(path.split('/').pop() ?? ''))).toEqual([]);
  });
});
