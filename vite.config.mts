import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      sourcemap: false,
    },
  };
});
