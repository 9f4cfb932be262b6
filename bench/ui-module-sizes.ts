import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UiApp } from './ui-bundle-sizes';

/** The package (or "app" for the project's own code) a bundled module belongs to. */
function ownerOf(id: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(id);
  return inPackage?.[1] ?? (id.startsWith('\0') ? 'virtual modules' : 'app');
}

/**
 * Where an app's entry script's weight comes from: the app is built again into a scratch folder with a plugin that
 * adds up, per package, the size of each module's code as it went into the chunk (after tree-shaking, before
 * minifying; so the figures compare packages, they do not add up to the file). For finding dead weight.
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
          generateBundle(_options, bundle) {
            for (const chunk of Object.values(bundle)) {
              if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
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
