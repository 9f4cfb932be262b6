import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** A file inside `root`, or undefined; `..` and absolute paths cannot step outside it. */
export function staticFile(root: string, relativePath: string): { body: Buffer; type: string } | undefined {
  const target = normalize(join(root, relativePath));
  if (target !== root && !target.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (!existsSync(target) || !statSync(target).isFile()) return undefined;
  return { body: readFileSync(target), type: TYPES[extname(target)] ?? 'application/octet-stream' };
}
