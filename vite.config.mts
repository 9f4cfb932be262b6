import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { commonJsParts, type CommonJsParts } from './ui-build/commonjs-parts-plugin';
import { designTokenCalls } from './ui-build/design-token-calls-plugin';
import { firstViewPreload } from './ui-build/first-view-preload-plugin';
import { writeUiBuildStamp, type UiApp } from './ui-build/ui-build-stamp';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Two dependencies (lodash's global lookup, regenerator-runtime's global install) keep a `Function(...)`
 * fallback for engines without `globalThis`. Forge's CSP forbids it, so the fallbacks are rewritten to
 * `globalThis`; the build fails if any other string-evaluating code appears.
 */
function noStringEval(): Plugin {
  const rewrites: Array<[RegExp, string]> = [
    [/Function\(\s*["']return this["']\s*\)\(\)/g, 'globalThis'],
    [/Function\(\s*["']r["']\s*,\s*["']regeneratorRuntime = r["']\s*\)\(([\w$]+)\)/g, '(globalThis.regeneratorRuntime=$1)'],
  ];
  return {
    name: 'no-string-eval',
    renderChunk(code, chunk) {
      const rewritten = rewrites.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), code);
      const left = /(?<![\w.$])(?:eval|Function)\s*\(\s*["'`]/.exec(rewritten) ?? /\bnew\s+Function\s*\(/.exec(rewritten);
      if (left) this.error(`${chunk.fileName} evaluates a string (${rewritten.slice(left.index, left.index + 60)}), which Forge's CSP forbids.`);
      return { code: rewritten, map: null };
    },
  };
}

/**
 * Modules of Atlaskit's that can never run in these apps, replaced by stand-ins in static/shared/stand-ins/ (whose
 * comments say why each is safe): the feature-gate client (Statsig, a fifth of the panel's script), which nothing
 * initialises in a Custom UI frame, so that it answers every gate "off" after logging a warning; Atlaskit's feature
 * flags, which then are all off; and the ThemeProvider that Atlaskit's portal renders only inside another one.
 */
const standIn = (file: string) => `${projectRoot}static/shared/stand-ins/${file}`;
const STAND_INS = [
  { find: /^@atlaskit\/feature-gate-js-client(\/.*)?$/, replacement: standIn('feature-gates-defaults.ts') },
  { find: /^@atlaskit\/platform-feature-flags(\/.*)?$/, replacement: standIn('platform-feature-flags-defaults.ts') },
  { find: /^@atlaskit\/app-provider\/theme-provider$/, replacement: standIn('theme-provider-unused.ts') },
  { find: /^@atlaskit\/primitives\/pressable$/, replacement: standIn('pressable-compiled.ts') },
];

/**
 * What the apps use of two CommonJS packages whose index requires everything they hold (see commonjs-parts-plugin.ts):
 * @forge/bridge's invoke, view and router (not fetch, events, realtime, the object store…: a sixth of the panel's
 * script), and the one function of @forge/i18n that `view.getContext()` calls (not its translation loader and lodash).
 * Each name comes from the file that defines it, not its folder's index, which re-exports it through all of tslib
 * (11 kB, two fifths of an entry script that must be small).
 */
const COMMONJS_PARTS: CommonJsParts = {
  '@forge/bridge': { invoke: 'invoke/invoke.js', view: 'view/view.js', router: 'router/router.js' },
  '@forge/i18n': { ensureLocale: 'ensureLocale.js' },
};

/** Records what the build was made from, so that `npm start` rebuilds only when that changed (ui-build/). */
function uiBuildStamp(app: UiApp): Plugin {
  return {
    name: 'ui-build-stamp',
    writeBundle(output) {
      if (output.dir) writeUiBuildStamp(projectRoot, app, this.getModuleIds(), output.dir);
    },
  };
}

/**
 * One config for both Custom UI apps: `vite build --mode admin` builds static/admin, `--mode panel`
 * static/panel. Relative asset paths (`base: './'`) are what Forge's resource hosting needs.
 */
export default defineConfig(({ mode }) => {
  if (mode !== 'admin' && mode !== 'panel') throw new Error(`Build with --mode admin or --mode panel (got "${mode}").`);
  return {
    root: fileURLToPath(new URL(`./static/${mode}`, import.meta.url)),
    base: './',
    logLevel: 'warn',
    esbuild: { jsx: 'automatic' },
    plugins: [commonJsParts(COMMONJS_PARTS), designTokenCalls(projectRoot), noStringEval(), firstViewPreload(`${projectRoot}static/${mode}/src/`), uiBuildStamp(mode)],
    resolve: { alias: STAND_INS },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      // One stylesheet, linked from the page: the app's chunk then waits for no stylesheet of its own when imported.
      cssCodeSplit: false,
      sourcemap: false,
    },
  };
});
