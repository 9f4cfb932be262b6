import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { extractTar } from './tar-archive';

/** What launching the npm-shipped Chromium needs: its binary and the environment that finds its libraries and fonts. */
export interface BundledChromium {
  executablePath: string;
  /** The NSS libraries come before the system's; fontconfig reads only the bundled fonts. */
  env: Record<string, string>;
  version: string;
}

/**
 * @sparticuz/chromium ships a headless Chromium built for Amazon Linux, brotli-compressed, with the NSS libraries it
 * links (al2023.tar.br: libnss3, libnspr4, libexpat, …) and a font (fonts.tar.br). Its own `executablePath()`
 * unpacks the libraries and sets LD_LIBRARY_PATH and FONTCONFIG_PATH only when it sees AWS Lambda, Netlify,
 * CodeBuild or Vercel (`isRunningInAmazonLinux2023`), and unpacks into fixed paths under /tmp shared by every
 * checkout and version. So this unpacks all of it once per version under node_modules/.cache and hands the paths
 * to the browser process only. With them the binary needs nothing beyond glibc and libgcc (see README, Test).
 */
export async function bundledChromium(): Promise<BundledChromium> {
  // Resolved from the project root, where npm and Jest run: this file is loaded both as CommonJS (Jest) and ESM (tsx).
  const { packageDir, version } = packageOf(createRequire(join(process.cwd(), 'package.json')).resolve('@sparticuz/chromium'));
  const dir = join(process.cwd(), 'node_modules', '.cache', 'bundled-chromium', version);
  if (!existsSync(join(dir, 'chromium'))) await unpack(join(packageDir, 'bin'), dir);
  return {
    executablePath: join(dir, 'chromium'),
    version,
    env: {
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: dir,
    },
  };
}

/** The package's own folder: its entry point sits some folders down (build/cjs/, build/esm/), each with a package.json of its own. */
function packageOf(entryPoint: string): { packageDir: string; version: string } {
  for (let dir = dirname(entryPoint); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@sparticuz/chromium' && version) return { packageDir: dir, version };
  }
  throw new Error(`No package.json of @sparticuz/chromium above ${entryPoint}.`);
}

/** Unpacks into a folder of this process's own, then renames it into place: parallel test workers may race. */
async function unpack(binDir: string, dir: string): Promise<void> {
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    extractTar(brotliDecompressSync(readFileSync(join(binDir, 'al2023.tar.br'))), partial);
    extractTar(brotliDecompressSync(readFileSync(join(binDir, 'fonts.tar.br'))), join(partial, 'font-files'));
    // The shipped fonts.conf names Lambda's folders; this one names where the fonts are now, and nothing else.
    writeFileSync(
      join(partial, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'font-files')}</dir>\n  <cachedir>${join(dir, 'font-cache')}</cachedir>\n</fontconfig>\n`,
    );
    await pipeline(createReadStream(join(binDir, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(partial, 'chromium'), { mode: 0o755 }));
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another worker renamed its copy into place first: use that one.
    if (existsSync(join(dir, 'chromium'))) return;
    throw error;
  }
}
