import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildChangedUis } from './build-changed-uis';
import { writeUiBuildStamp, type UiApp } from './ui-build-stamp';

/** A project with both apps, shared code, code from src/ that the panel bundles, the Vite config and the lockfile. */
function project(): { root: string; write: (path: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'dvcs-ui-build-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries({
    'static/admin/index.html': '<div id="root"></div>',
    'static/admin/src/main.tsx': 'admin',
    'static/panel/index.html': '<div id="root"></div>',
    'static/panel/src/main.tsx': 'panel',
    'static/shared/start-app.tsx': 'shared',
    'src/urls/http-url.ts': 'url',
    'src/unrelated.ts': 'not bundled',
    'vite.config.mts': 'config',
    'ui-build/plugin.ts': 'plugin',
    'package-lock.json': '{}',
  }))
    write(path, text);
  return { root, write };
}

/** Stands in for Vite: "bundles" the app's main file (and, for the panel, a file of src/) and writes the stamp as the plugin does. */
function fakeBuilder(built: UiApp[]) {
  return async (root: string, app: UiApp) => {
    built.push(app);
    const outDir = join(root, 'static', app, 'build');
    mkdirSync(outDir, { recursive: true });
    const modules = [join(root, 'static', app, 'src/main.tsx'), join(root, 'node_modules/react/index.js'), '\0virtual'];
    if (app === 'panel') modules.push(join(root, 'src/urls/http-url.ts'));
    writeUiBuildStamp(root, app, modules, outDir);
  };
}

describe('buildChangedUis', () => {
  let root: string;
  let write: (path: string, text: string) => void;
  beforeEach(() => ({ root, write } = project()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function run(): Promise<{ built: UiApp[]; lines: string[] }> {
    const built: UiApp[] = [];
    const lines: string[] = [];
    await buildChangedUis(root, (line) => lines.push(line), fakeBuilder(built));
    return { built, lines };
  }

  it('builds both apps the first time, then neither while nothing changes', async () => {
    expect((await run()).built).toEqual(['admin', 'panel']);
    expect(await run()).toEqual({ built: [], lines: ['static/admin/build is up to date.', 'static/panel/build is up to date.'] });
    write('src/unrelated.ts', 'changed, but bundled by neither app');
    expect((await run()).built).toEqual([]);
  });

  it('rebuilds only the app whose own sources changed, saying which file', async () => {
    await run();
    write('static/panel/src/main.tsx', 'panel, edited');
    expect(await run()).toEqual({ built: ['panel'], lines: ['static/admin/build is up to date.', 'Building static/panel (static/panel/src/main.tsx changed)…'] });
    write('src/urls/http-url.ts', 'url, edited');
    expect((await run()).built).toEqual(['panel']);
    write('static/admin/src/NewSection.tsx', 'new');
    expect((await run()).lines).toContain('Building static/admin (static/admin/src/NewSection.tsx is new)…');
  });

  it('rebuilds both when what both depend on changes: shared code, the config and its plugins, the lockfile', async () => {
    await run();
    for (const path of ['static/shared/start-app.tsx', 'vite.config.mts', 'ui-build/plugin.ts', 'package-lock.json']) {
      write(path, `${path}, edited`);
      expect([path, (await run()).built]).toEqual([path, ['admin', 'panel']]);
    }
  });

  it('rebuilds an app whose build was deleted, or whose bundled file was', async () => {
    await run();
    rmSync(join(root, 'static/admin/build'), { recursive: true });
    expect((await run()).built).toEqual(['admin']);
    rmSync(join(root, 'src/urls/http-url.ts'));
    expect((await run()).lines).toContain('Building static/panel (src/urls/http-url.ts was removed)…');
  });
});
