import type { Plugin } from 'vite';

/**
 * An app's entry script (static/shared/boot-app.ts) loads the app's code with a dynamic import, so that the entry runs
 * before that code has arrived. The browser would only learn of that chunk when the entry runs; a
 * `<link rel="modulepreload">` in the page for each chunk the entry imports from the app's own `src/` starts its fetch
 * (and its parse, off the main thread) with the entry's. Chunks the entry's packages load on demand are left alone.
 */
export function firstViewPreload(appSourceDir: string): Plugin {
  let base = './';
  return {
    name: 'first-view-preload',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const { bundle, chunk } = context;
        if (!bundle || !chunk) return html;
        const preloaded = chunk.dynamicImports.filter((fileName) => {
          const imported = bundle[fileName];
          return imported?.type === 'chunk' && imported.moduleIds.some((id) => id.startsWith(appSourceDir));
        });
        if (preloaded.length === 0) this.error(`${chunk.fileName} imports nothing from ${appSourceDir} on demand: its entry must load the app with import().`);
        return preloaded.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}
