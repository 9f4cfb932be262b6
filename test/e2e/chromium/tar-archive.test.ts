import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { extractTar } from './tar-archive';

function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0);
  block.write('0000644\0', 100);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write(type, 156);
  block.write('ustar\0', 257);
  return block;
}

describe('extractTar', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dvcs-tar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('unpacks the NSS libraries @sparticuz/chromium ships, each at its size', () => {
    const archive = brotliDecompressSync(readFileSync(resolve('node_modules/@sparticuz/chromium/bin/al2023.tar.br')));
    const written = extractTar(archive, dir);
    expect(written).toEqual(expect.arrayContaining(['lib/libnss3.so', 'lib/libnspr4.so', 'lib/libnssutil3.so', 'lib/libsoftokn3.so']));
    expect(statSync(join(dir, 'lib/libnss3.so')).size).toBeGreaterThan(1_000_000);
  });

  it('refuses an entry that would land outside the folder, and a link', () => {
    const body = Buffer.from('x');
    const padded = Buffer.concat([body, Buffer.alloc(511)]);
    expect(() => extractTar(Buffer.concat([header('../escape', 1, '0'), padded, Buffer.alloc(1024)]), dir)).toThrow('leaves');
    expect(() => extractTar(Buffer.concat([header('lib/link.so', 0, '2'), Buffer.alloc(1024)]), dir)).toThrow("type '2'");
  });
});
