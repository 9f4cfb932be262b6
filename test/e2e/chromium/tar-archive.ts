import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const text = header.subarray(start, start + length).toString('utf8');
  const end = text.indexOf('\0');
  return end === -1 ? text : text.slice(0, end);
}

/**
 * Writes the regular files and folders of a POSIX (ustar) archive under `targetDir`. The archives
 * @sparticuz/chromium ships hold nothing else; anything else (a link, a path leaving `targetDir`) is refused
 * rather than guessed at, so a changed archive fails loudly here instead of launching a half-extracted browser.
 */
export function extractTar(archive: Buffer, targetDir: string): string[] {
  const written: string[] = [];
  for (let offset = 0; offset + BLOCK <= archive.length;) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || offset + BLOCK + size > archive.length) throw new Error(`tar entry ${name} has a bad size`);
    const target = normalize(join(targetDir, name));
    if (isAbsolute(name) || !(target + sep).startsWith(normalize(targetDir) + sep)) throw new Error(`tar entry ${name} leaves ${targetDir}`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, archive.subarray(offset + BLOCK, offset + BLOCK + size), { mode: Number.parseInt(field(header, 100, 8).trim() || '644', 8) & 0o755 });
      written.push(name);
    } else throw new Error(`tar entry ${name} is of type '${type}', which this extractor does not handle`);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return written;
}
