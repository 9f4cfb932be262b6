import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

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
    plugins: [noStringEval()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      sourcemap: false,
    },
  };
});
