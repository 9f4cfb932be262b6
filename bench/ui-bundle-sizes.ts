import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export type UiApp = 'admin' | 'panel';

export interface BuiltFile {
  file: string;
  /** `entry`: what index.html loads (the entry and the chunk it preloads); `lazy`: chunks loaded only when the code asks for them. */
  role: 'entry' | 'lazy';
  kind: 'js' | 'css';
  raw: number;
  gzip: number;
}

/** The files an app's index.html loads itself: its entry, the chunk it preloads, its stylesheet (the first view's). */
export function pageFiles(html: string): Set<string> {
  return new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1] ?? ''));
}

/** Every script and stylesheet of an app's build, with its size as served and as gzip sends it (zlib's default level). */
export function builtFiles(app: UiApp, root = process.cwd()): BuiltFile[] {
  const buildDir = join(root, 'static', app, 'build');
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const referenced = pageFiles(html);
  const files: BuiltFile[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(m?js|css)$/.test(name)) {
        const body = readFileSync(path);
        const file = relative(buildDir, path);
        files.push({ file, role: referenced.has(file) ? 'entry' : 'lazy', kind: name.endsWith('.css') ? 'css' : 'js', raw: body.length, gzip: gzipSync(body).length });
      }
    }
  };
  visit(buildDir);
  return files.sort((a, b) => (a.role === b.role ? b.raw - a.raw : a.role === 'entry' ? -1 : 1));
}
