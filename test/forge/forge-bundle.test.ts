import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { forgeBundle, formatBundleSizes, type ForgeBundle } from './forge-bundle';

/**
 * Forge's own bundler (webpack + ts-loader with this repository's tsconfig.json), run as `forge deploy` runs it.
 * A bundle that fails here would fail `forge deploy`; see forge-bundle.ts for what is the CLI's and what is offline.
 */
describe("Forge's bundler (@forge/bundler, as forge deploy runs it)", () => {
  let bundle: ForgeBundle;
  const manifestFunctions = (parse(readFileSync('manifest.yml', 'utf8')) as { modules: { function: Array<{ key: string; handler: string }> } }).modules.function;

  beforeAll(async () => {
    bundle = await forgeBundle();
    console.log(`Forge bundle, per manifest function:\n${formatBundleSizes(bundle)}`);
  }, 600_000);

  it('bundles the file of every manifest function', () => {
    expect(bundle.functions.map((fn) => fn.key)).toEqual(manifestFunctions.map((fn) => fn.key));
    expect(manifestFunctions).toHaveLength(10);
    for (const fn of bundle.functions) {
      expect(existsSync(fn.file)).toBe(true);
      expect(fn.bytes).toBeGreaterThan(0);
    }
  });

  it("exports every handler from its bundled file, as Forge's runtime requires it", () => {
    // In a separate Node process: the bundle is loaded as it would be on Forge, not through Jest's module system.
    const files = [...new Set(bundle.functions.map((fn) => fn.file))];
    const script = `const out = {}; for (const file of ${JSON.stringify(files)}) { const m = require(file); out[file] = Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k]])); } console.log(JSON.stringify(out));`;
    const exported = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, Record<string, string>>;
    for (const fn of bundle.functions) expect({ handler: fn.handler, type: exported[fn.file]?.[fn.exportName] }).toEqual({ handler: fn.handler, type: 'function' });
  });

  it('writes what the deploy archive holds, and webpack has nothing to warn about', () => {
    expect(bundle.files).toEqual(expect.arrayContaining(['index.cjs', '__forge__.cjs', 'runtime.json', 'manifest.yml', 'package.json']));
    expect(bundle.warnings).toEqual([]);
  });
});
