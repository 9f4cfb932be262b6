import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageFiles, type UiApp } from './ui-bundle-sizes';

/** The package (or "app" for the project's own code) a bundled module belongs to. */
function ownerOf(id: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(id);
  return inPackage?.[1] ?? (id.startsWith('\0') ? 'virtual modules' : 'app');
}

/**
 * Where the weight of an app's first-view scripts (its entry and the chunk the page preloads) comes from: the app is
 * built again into a scratch folder with a plugin that adds up, per package, the size of each module's code as it
 * went into the chunk (after tree-shaking, before minifying; so the figures compare packages, they do not add up to
 * the file). For finding dead weight.
 */
export async function entryWeightByPackage(app: UiApp): Promise<Array<[string, number]>> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), `dvcs-bench-${app}-`));
  const weights = new Map<string, number>();
  try {
    await build({
      configFile: 'vite.config.mts',
      mode: app,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
      plugins: [
        {
          name: 'weigh-entry-modules',
          // After Vite's own, which writes index.html into the bundle.
          enforce: 'post',
          generateBundle(_options, bundle) {
            // What the page loads itself (its entry and the app's chunk it preloads): what every first view runs.
            const page = bundle['index.html'];
            const firstView = pageFiles(page?.type === 'asset' ? String(page.source) : '');
            for (const chunk of Object.values(bundle)) {
              if (chunk.type !== 'chunk' || !firstView.has(chunk.fileName)) continue;
              for (const [id, module] of Object.entries(chunk.modules)) weights.set(ownerOf(id), (weights.get(ownerOf(id)) ?? 0) + module.renderedLength);
            }
          },
        },
      ],
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return [...weights].sort((a, b) => b[1] - a[1]);
}
