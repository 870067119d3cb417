import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * A small POSIX tar (ustar) writer and reader for backups, so a backup is a plain `.tar.gz`
 * that `tar tzf` lists and that yields the attachments even without Kefu. Regular files and
 * directories only; sizes ≥ 8 GiB use the GNU base-256 size field.
 */

const BLOCK = 512;
const ZERO = Buffer.alloc(BLOCK);

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(BLOCK);
  const nameBuf = Buffer.from(name, 'utf8');
  if (nameBuf.length > 100) {
    // ustar prefix: split at a slash so that prefix ≤ 155 and name ≤ 100 bytes
    const cut = name.lastIndexOf('/', name.length - 1);
    const prefix = Buffer.from(name.slice(0, cut), 'utf8');
    const rest = Buffer.from(name.slice(cut + 1), 'utf8');
    if (cut <= 0 || prefix.length > 155 || rest.length > 100) throw new Error(`tar entry name too long: ${name}`);
    rest.copy(h, 0);
    prefix.copy(h, 345);
  } else {
    nameBuf.copy(h, 0);
  }
  h.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) {
    h.write(octal(size, 12), 124, 'ascii');
  } else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 128);
  }
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

function readSize(h: Buffer): number {
  if (h[124] & 0x80) return Number(h.readBigUInt64BE(128));
  const text = h.toString('ascii', 124, 136).replace(/\0.*$/, '').trim();
  return text ? Number.parseInt(text, 8) : 0;
}

function readName(h: Buffer): string {
  const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const isUstar = h.toString('ascii', 257, 262) === 'ustar';
  const prefix = isUstar ? h.toString('utf8', 345, 500).replace(/\0.*$/s, '') : '';
  return prefix ? `${prefix}/${name}` : name;
}

function checksumOk(h: Buffer): boolean {
  const stored = Number.parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === stored;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    out.once('error', onError);
    out.once('drain', () => {
      out.off('error', onError);
      resolve();
    });
  });
}

export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await write(this.out, header(name, data.length, mtime, '0'));
    await write(this.out, data);
    await this.pad(data.length);
  }

  /** Appends a file from disk; its size must not change while it is read. */
  async addFile(name: string, file: string): Promise<number> {
    const stat = await fs.promises.stat(file);
    await write(this.out, header(name, stat.size, stat.mtime, '0'));
    let written = 0;
    for await (const chunk of fs.createReadStream(file)) {
      written += (chunk as Buffer).length;
      await write(this.out, chunk as Buffer);
    }
    if (written !== stat.size) throw new Error(`${file} changed while it was being backed up`);
    await this.pad(stat.size);
    return stat.size;
  }

  async finish(): Promise<void> {
    await write(this.out, Buffer.concat([ZERO, ZERO]));
  }

  private async pad(size: number) {
    const rest = size % BLOCK;
    if (rest) await write(this.out, Buffer.alloc(BLOCK - rest));
  }
}

/** Entry names we accept when extracting: relative, no `..`, a conservative character set. */
export function safeEntryName(name: string): string | null {
  const n = name.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!n || n.startsWith('/') || n.split('/').some((p) => p === '..' || p === '.' || p === '')) return null;
  if (!/^[\w.\-/]+$/.test(n)) return null;
  return n;
}

/**
 * Extracts a tar stream into `dir`. Every entry name is validated (no absolute paths, no
 * `..`), so a crafted archive cannot write outside `dir`. Returns the file names extracted.
 */
export async function extractTar(input: Readable, dir: string): Promise<string[]> {
  const names: string[] = [];
  let buf: Buffer = Buffer.alloc(0);
  let out: fs.WriteStream | null = null;
  let remaining = 0;
  let padding = 0;
  let ended = false;
  const closeOut = async () => {
    if (!out) return;
    const o = out;
    out = null;
    await new Promise<void>((resolve, reject) => o.end((err?: Error | null) => (err ? reject(err) : resolve())));
  };
  for await (const chunk of input) {
    buf = buf.length ? Buffer.concat([buf, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      if (ended) break;
      if (remaining > 0) {
        if (buf.length === 0) break;
        const take = Math.min(remaining, buf.length);
        if (out) await write(out, buf.subarray(0, take));
        buf = buf.subarray(take);
        remaining -= take;
        if (remaining === 0) await closeOut();
        continue;
      }
      if (padding > 0) {
        const take = Math.min(padding, buf.length);
        buf = buf.subarray(take);
        padding -= take;
        if (padding > 0) break;
        continue;
      }
      if (buf.length < BLOCK) break;
      const h = buf.subarray(0, BLOCK);
      buf = buf.subarray(BLOCK);
      if (h.equals(ZERO)) {
        ended = true;
        break;
      }
      if (!checksumOk(h)) throw new Error('corrupt archive (bad header checksum)');
      const size = readSize(h);
      const type = String.fromCharCode(h[156] || 48);
      const raw = readName(h);
      padding = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
      remaining = size;
      if (type === '5') {
        const name = safeEntryName(raw);
        if (!name) throw new Error(`unsafe entry name in archive: ${raw}`);
        await fs.promises.mkdir(path.join(dir, name), { recursive: true });
        continue;
      }
      if (type !== '0') {
        // extended headers and links are skipped, never followed
        continue;
      }
      const name = safeEntryName(raw);
      if (!name) throw new Error(`unsafe entry name in archive: ${raw}`);
      const target = path.join(dir, name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      out = fs.createWriteStream(target, { flags: 'wx' });
      names.push(name);
      if (size === 0) await closeOut();
    }
  }
  await closeOut();
  if (remaining > 0) throw new Error('archive ends in the middle of an entry');
  return names;
}

/**
 * Copies a tar archive held in memory, leaving out entries `drop` names. Used on PGlite's
 * data-directory dump, which also holds our lock file and attachment folder.
 */
export function filterTar(archive: Buffer, drop: (name: string) => boolean): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  let pending: Buffer[] = [];
  while (offset + BLOCK <= archive.length) {
    const h = archive.subarray(offset, offset + BLOCK);
    if (h.equals(ZERO)) break;
    const size = readSize(h);
    const blocks = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const entry = archive.subarray(offset, offset + blocks);
    offset += blocks;
    const type = String.fromCharCode(h[156] || 48);
    if (type === 'x' || type === 'L') {
      // an extended header belongs to the entry that follows it
      pending.push(entry);
      continue;
    }
    if (!drop(readName(h).replace(/^\.?\//, ''))) parts.push(...pending, entry);
    pending = [];
  }
  parts.push(ZERO, ZERO);
  return Buffer.concat(parts);
}
