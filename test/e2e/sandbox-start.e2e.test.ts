import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { UI_APPS, uiBuildVerdict } from '../../ui-build/ui-build-stamp';
import { launchChromium } from './browser';

jest.setTimeout(60_000);

/** Starts `sandbox/main.ts` (what `npm start` runs) and resolves with its output once it prints its home URL. */
function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; home: string }> {
  const child = spawn(resolve('node_modules/.bin/tsx'), ['sandbox/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolveStarted, rejectStarted) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const home = /Jira home\s+(\S+)/.exec(output)?.[1];
      if (home) resolveStarted({ child, output: () => output, home });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => rejectStarted(new Error(`sandbox/main.ts exited with ${code}: ${output}`)));
  });
}

/** `npm start` rebuilds a UI only when its sources changed since its last build. */
describe('npm start', () => {
  let browser: Browser;
  let dataDir: string;
  let started: Awaited<ReturnType<typeof startMain>> | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-start-'));
    // `npm test` builds what changed before Jest runs; this test must not build under the other tests' feet.
    for (const app of UI_APPS) {
      const verdict = uiBuildVerdict(process.cwd(), app);
      if (!verdict.current) throw new Error(`static/${app}/build is not current (${verdict.reason}): run \`npm run build:ui:changed\` first.`);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (started && started.child.exitCode === null) {
      const exited = new Promise((done) => started?.child.once('exit', done));
      started.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the sandbox without building when no UI source changed', async () => {
    started = await startMain({ PORT: '0', SANDBOX_DATA: dataDir, SANDBOX_DEMO: '0' });
    expect(started.output()).toContain('static/admin/build is up to date.');
    expect(started.output()).toContain('static/panel/build is up to date.');
    expect(started.output()).not.toContain('Building');
    const page = await browser.newPage();
    await page.goto(started.home);
    expect(await page.title()).toBe('Your work - Jira (sandbox)');
    await page.close();
  });
});
