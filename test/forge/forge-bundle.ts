/**
 * Forge's own bundler (@forge/bundler), run the way `forge deploy` runs it, but offline.
 *
 * What the CLI does (@forge/cli's deploy and build controllers, RuntimeBundler.packageAll):
 * - `ConfigFile.getAppHandlers()` turns each manifest `function` handler `index.fooHandler` into
 *   { module: 'index', func: 'fooHandler' } (distinct handlers only);
 * - `getEntryPoints(handlers)` makes one webpack entry per module file: `index` → src/index (SOURCE_DIRECTORY);
 * - `getNodeBundler(ui, getWrapperProvider(...), configFile).bundle({ appDirectory: cwd, entryPoints })` runs
 *   webpack (target node18, `[name].cjs`, commonjs exports) with ts-loader on the app's own tsconfig.json;
 * - the deploy archive holds the bundle's output folder, the bundler's additional outputs (Forge's runtime
 *   loader `__forge__.cjs`, its wrapper, runtime.json), manifest.yml (as JSON) and package.json/package-lock.json.
 *
 * Offline difference, and only this: the runtime loader and wrapper come from Forge's CDN, which cannot be
 * reached, so OFFLINE_WRAPPER_PROVIDER hands the bundler stand-ins that throw when loaded. The app's own
 * code (`index.cjs`) is exactly what `forge deploy` would upload and can be required directly.
 */
import { ConfigFile, FileSystemReader, FileSystemWriter } from '@forge/cli-shared';
import type { Logger } from '@forge/cli-shared';
import { getEntryPoints, getNodeBundler } from '@forge/bundler';
import type { BundlerMetadata } from '@forge/bundler';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const STAND_IN = (what: string) =>
  `// Offline stand-in for Forge's runtime ${what}, which \`forge deploy\` downloads from Forge's CDN.\n` +
  `throw new Error('Forge runtime ${what} stand-in (test/forge/forge-bundle.ts): require index.cjs directly.');\n`;

/** Stands in for @forge/bundler's NetworkWrapperProvider, which downloads the runtime from Forge's CDN. */
const OFFLINE_WRAPPER_PROVIDER: Parameters<typeof getNodeBundler>[1] = {
  getNodeRuntimeWrapper: async () => ({ script: STAND_IN('wrapper'), source: 'offline', version: 'offline' }),
  getNodeRuntimeLoader: async () => ({ script: STAND_IN('loader'), source: 'offline', version: 'offline' }),
};

interface BundledFunction {
  /** The manifest function's key, e.g. github-webhook-fn. */
  key: string;
  /** Its handler, e.g. index.githubWebhookHandler. */
  handler: string;
  /** The bundled file that holds it, absolute, e.g. <outDir>/index.cjs. */
  file: string;
  /** The export Forge calls in that file, e.g. githubWebhookHandler. */
  exportName: string;
  bytes: number;
  gzipBytes: number;
}

export interface ForgeBundle {
  outDir: string;
  /** One per manifest function, in manifest order. */
  functions: BundledFunction[];
  /** Every file written to outDir, relative to it. */
  files: string[];
  metadata: BundlerMetadata | undefined;
  /** What the bundled code is made of (from index.cjs.map's sources): package or `src`, and its source size. */
  parts: Array<{ name: string; bytes: number }>;
  /** webpack's warnings (the CLI prints them and deploys anyway). */
  warnings: string[];
  durationMs: number;
  /** Set when forgeBundle() reused a bundle of the same sources instead of bundling again. */
  reused?: boolean;
}

function listFiles(root: string, dir = ''): string[] {
  const here = join(root, dir);
  return readdirSync(here, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/**
 * Bundles the app's back end as `forge deploy` does and writes what the deploy archive would hold into outDir:
 * `<module>.cjs` (+ source map) per handler module, the runtime stand-ins, manifest.yml, package.json.
 * Runs from the repository root (the CLI uses the current directory as the app directory).
 */
export async function bundleForgeApp(outDir: string): Promise<ForgeBundle> {
  const started = Date.now();
  const appDirectory = process.cwd();
  const reader = new FileSystemReader();
  const configFile = new ConfigFile(reader, new FileSystemWriter());
  const manifest = await configFile.readConfig();
  const handlers = await configFile.getAppHandlers();
  const entryPoints = getEntryPoints(handlers);

  const warnings: string[] = [];
  const logger: Logger = {
    traceEnabled: false,
    debugEnabled: false,
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    warn: (message) => void warnings.push(message),
    error: (error) => void warnings.push(error.message),
  };
  const bundler = getNodeBundler(logger, OFFLINE_WRAPPER_PROVIDER, configFile);
  const { outputDir, additionalOutputs, metadata } = await bundler.bundle({ appDirectory, entryPoints });

  mkdirSync(outDir, { recursive: true });
  cpSync(outputDir, outDir, { recursive: true });
  rmSync(outputDir, { recursive: true, force: true }); // webpack's output went to a temporary folder of its own
  for (const [name, content] of additionalOutputs ?? []) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    // A string is a file to copy (i18n bundles), a Buffer is the content itself.
    if (typeof content === 'string') cpSync(content, join(outDir, name));
    else writeFileSync(join(outDir, name), content);
  }
  writeFileSync(join(outDir, 'manifest.yml'), JSON.stringify(manifest));
  for (const name of ['package.json', 'package-lock.json', 'yarn.lock']) if (existsSync(name)) cpSync(name, join(outDir, name));

  const functions = (manifest.modules?.function ?? []).map((fn: { key: string; handler: string }) => {
    const [module, exportName] = fn.handler.split('.') as [string, string];
    const file = join(outDir, `${module}.cjs`);
    const code = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    return { key: fn.key, handler: fn.handler, file, exportName, bytes: code.length, gzipBytes: code.length ? gzipSync(code).length : 0 };
  });
  const bundle: ForgeBundle = { outDir, functions, files: listFiles(outDir), parts: bundleParts(outDir), metadata, warnings, durationMs: Date.now() - started };
  writeFileSync(join(outDir, BUNDLE_INFO), JSON.stringify({ ...bundle, metadata: undefined }, null, 2));
  return bundle;
}

/** Source size per npm package (and `src` for the app's own code) across the bundle's source maps. */
function bundleParts(outDir: string): Array<{ name: string; bytes: number }> {
  const sizes = new Map<string, number>();
  for (const file of listFiles(outDir).filter((name) => name.endsWith('.cjs.map'))) {
    const map = JSON.parse(readFileSync(join(outDir, file), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
    map.sources.forEach((source, index) => {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? (/\/src\//.test(source) ? 'src' : 'webpack runtime');
      sizes.set(name, (sizes.get(name) ?? 0) + Buffer.byteLength(map.sourcesContent?.[index] ?? ''));
    });
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Written beside the bundle (not part of what Forge deploys) so forgeBundle() can reuse it. */
const BUNDLE_INFO = 'forge-bundle-info.json';

/** What the bundle is made from: the back end's sources, and the files that decide how it is built. */
function bundleInputsHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...listFiles(resolve('src')).map((file) => join('src', file)),
    'manifest.yml',
    'tsconfig.json',
    'package.json',
    'package-lock.json',
    'test/forge/forge-bundle.ts',
  ];
  for (const file of inputs) if (existsSync(file)) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The bundle of the current sources, made at most once for them: bundling takes tens of seconds, and several
 * test files want it (the bundle check, end-to-end tests that load index.cjs). Kept in
 * node_modules/.cache/forge-bundle/<hash of src/, manifest.yml, tsconfig.json, package files>; a change to any
 * of those bundles again. Treat the folder as read-only.
 */
export async function forgeBundle(): Promise<ForgeBundle> {
  const cacheRoot = resolve('node_modules/.cache/forge-bundle');
  const outDir = join(cacheRoot, bundleInputsHash());
  const info = join(outDir, BUNDLE_INFO);
  if (existsSync(info)) return { ...(JSON.parse(readFileSync(info, 'utf8')) as ForgeBundle), metadata: undefined, reused: true };
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, 'staging-'));
  try {
    const built = await bundleForgeApp(staging);
    const bundle = JSON.parse(JSON.stringify(built).split(staging).join(outDir)) as ForgeBundle;
    writeFileSync(join(staging, BUNDLE_INFO), JSON.stringify({ ...bundle, metadata: undefined }, null, 2));
    for (const old of readdirSync(cacheRoot)) if (!old.startsWith('staging-') && old !== basename(outDir)) rmSync(join(cacheRoot, old), { recursive: true, force: true });
    try {
      renameSync(staging, outDir);
    } catch (error) {
      // Another test worker finished the same bundle first: use theirs.
      if (!existsSync(info)) throw error;
    }
    return { ...bundle, metadata: built.metadata };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function formatBundleSizes(bundle: ForgeBundle): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const rows = bundle.functions.map(
    (fn) =>
      `${fn.key.padEnd(22)} ${fn.handler.padEnd(32)} ${`${fn.file.slice(bundle.outDir.length + 1)}`.padEnd(10)} ${kib(fn.bytes).padStart(10)} raw ${kib(fn.gzipBytes).padStart(9)} gzip`,
  );
  const other = bundle.files.map((file) => `${file} ${statSync(join(bundle.outDir, file)).size} bytes`);
  const parts = `made of (source size): ${bundle.parts.map((part) => `${part.name} ${kib(part.bytes)}`).join(', ')}`;
  const took = `${bundle.reused ? 'reused a bundle made' : 'bundled'} in ${(bundle.durationMs / 1000).toFixed(1)} s`;
  return [...rows, parts, `files in ${bundle.outDir}: ${other.join(', ')}`, ...bundle.warnings.map((warning) => `webpack warning: ${warning}`), took].join('\n');
}
