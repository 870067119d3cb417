import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { Config } from '../config.js';

/**
 * Attachment storage on local disk. A file lives under a server-generated key (a random UUID,
 * sharded `ab/cd/<key>`); the client's filename is metadata only and never reaches a path.
 * Content types are decided from the bytes against an allowlist, never from what the client says.
 */

export type FileKind = {
  ext: string;
  /** What we serve it as. */
  mime: string;
  /** MIME types `file-type` may report for genuine content of this kind. */
  detected: string[];
  /** MIME types browsers and mail clients send for it (besides `mime`). */
  declared: string[];
  check: 'binary' | 'zip' | 'text' | 'email';
};

const OOXML = 'application/vnd.openxmlformats-officedocument';
const kinds: FileKind[] = [
  { ext: 'png', mime: 'image/png', detected: ['image/png'], declared: [], check: 'binary' },
  { ext: 'jpg', mime: 'image/jpeg', detected: ['image/jpeg'], declared: ['image/jpg', 'image/pjpeg'], check: 'binary' },
  { ext: 'jpeg', mime: 'image/jpeg', detected: ['image/jpeg'], declared: ['image/jpg', 'image/pjpeg'], check: 'binary' },
  { ext: 'gif', mime: 'image/gif', detected: ['image/gif'], declared: [], check: 'binary' },
  { ext: 'webp', mime: 'image/webp', detected: ['image/webp'], declared: [], check: 'binary' },
  { ext: 'pdf', mime: 'application/pdf', detected: ['application/pdf'], declared: ['application/x-pdf'], check: 'binary' },
  { ext: 'docx', mime: `${OOXML}.wordprocessingml.document`, detected: [`${OOXML}.wordprocessingml.document`], declared: ['application/zip'], check: 'zip' },
  { ext: 'xlsx', mime: `${OOXML}.spreadsheetml.sheet`, detected: [`${OOXML}.spreadsheetml.sheet`], declared: ['application/zip'], check: 'zip' },
  { ext: 'pptx', mime: `${OOXML}.presentationml.presentation`, detected: [`${OOXML}.presentationml.presentation`], declared: ['application/zip'], check: 'zip' },
  { ext: 'csv', mime: 'text/csv', detected: [], declared: ['text/plain', 'application/csv', 'text/x-csv', 'application/vnd.ms-excel', 'text/comma-separated-values'], check: 'text' },
  { ext: 'txt', mime: 'text/plain', detected: [], declared: [], check: 'text' },
  { ext: 'mp3', mime: 'audio/mpeg', detected: ['audio/mpeg'], declared: ['audio/mp3', 'audio/x-mpeg', 'audio/mpeg3'], check: 'binary' },
  { ext: 'wav', mime: 'audio/wav', detected: ['audio/wav', 'audio/vnd.wave', 'audio/x-wav'], declared: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'], check: 'binary' },
  { ext: 'ogg', mime: 'audio/ogg', detected: ['audio/ogg', 'audio/opus', 'audio/ogg; codecs=opus', 'video/ogg', 'application/ogg'], declared: ['application/ogg', 'video/ogg', 'audio/opus'], check: 'binary' },
  { ext: 'eml', mime: 'message/rfc822', detected: [], declared: [], check: 'email' },
];
export const ALLOWED_EXTENSIONS = kinds.map((k) => k.ext);
const byExt = new Map(kinds.map((k) => [k.ext, k]));

/** Why an upload was refused; the HTTP layer turns these into 413/415/400 with a localized message. */
export class UploadRejected extends Error {
  constructor(
    readonly reason: 'too_large' | 'empty' | 'not_allowed' | 'mismatch' | 'text_encoding',
    readonly details: Record<string, unknown>,
  ) {
    super(`upload rejected: ${reason}`);
    this.name = 'UploadRejected';
  }
}

/** Where attachments are kept: `KEFU_FILES_DIR`, else `<dataDir>/files` (a temp dir for in-memory databases). */
export function resolveFilesDir(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEFU_FILES_DIR) return path.resolve(env.KEFU_FILES_DIR);
  if (config.dataDir.startsWith('memory://')) return path.join(os.tmpdir(), `kefu-files-${process.pid}`);
  return path.join(config.dataDir, 'files');
}

/** The display name we keep: last path segment only, no control or bidi-override characters, bounded length. */
export function safeFilename(name: string | undefined): string {
  let n = (name ?? '').normalize('NFC').replace(/\\/g, '/');
  n = n.slice(n.lastIndexOf('/') + 1);
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  n = n.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  n = n.replace(/^\.+/, '').trim();
  if (!n) return 'file';
  if ([...n].length > 200) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : '';
    n = [...n.slice(0, n.length - ext.length)].slice(0, 200 - ext.length).join('') + ext;
  }
  return n;
}

export function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : null;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Received = { tmpPath: string; size: number; sha256: string; utf8: boolean; nul: boolean; head: Buffer };

export type StoredFile = { key: string; size: number; sha256: string; contentType: string; filename: string; ext: string };

export class FileStore {
  constructor(readonly root: string) {}

  /** Absolute path of a key; anything but a UUID is refused, so a key can never walk out of the root. */
  pathFor(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  /**
   * Streams an upload to disk while hashing it and checking its size and (for text kinds)
   * UTF-8 validity, decides its type from the bytes, and moves it under a fresh key.
   */
  async save(source: Readable, opts: { filename?: string; declaredType?: string; limit: number }): Promise<StoredFile> {
    const filename = safeFilename(opts.filename);
    const received = await this.receive(source, opts.limit);
    try {
      if (received.size === 0) throw new UploadRejected('empty', {});
      const kind = await classify(received, filename, opts.declaredType);
      const key = randomUUID();
      const target = this.pathFor(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(received.tmpPath, target);
      const contentType = kind.check === 'text' ? `${kind.mime}; charset=utf-8` : kind.mime;
      return { key, size: received.size, sha256: received.sha256, contentType, filename, ext: kind.ext };
    } catch (err) {
      await fs.promises.rm(received.tmpPath, { force: true });
      throw err;
    }
  }

  open(key: string): fs.ReadStream {
    return fs.createReadStream(this.pathFor(key));
  }

  async exists(key: string): Promise<boolean> {
    return fs.promises.access(this.pathFor(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathFor(key), { force: true });
  }

  private async receive(source: Readable, limit: number): Promise<Received> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let size = 0;
    let utf8 = true;
    let nul = false;
    const headParts: Buffer[] = [];
    let headLen = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > limit) return cb(new UploadRejected('too_large', { limit }));
        hash.update(chunk);
        if (headLen < 4096) {
          headParts.push(chunk.subarray(0, 4096 - headLen));
          headLen += Math.min(chunk.length, 4096 - headLen);
        }
        if (!nul && chunk.includes(0)) nul = true;
        if (utf8) {
          try {
            decoder.decode(chunk, { stream: true });
          } catch {
            utf8 = false;
          }
        }
        cb(null, chunk);
      },
      flush(cb) {
        if (utf8) {
          try {
            decoder.decode();
          } catch {
            utf8 = false;
          }
        }
        cb();
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 }));
    } catch (err) {
      await fs.promises.rm(tmpPath, { force: true });
      // @fastify/multipart reports its own size limit as FST_REQ_FILE_TOO_LARGE.
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadRejected('too_large', { limit });
      throw err;
    }
    // A multipart file stream that hit its size limit just ends early, marked `truncated`.
    if ((source as { truncated?: boolean }).truncated) {
      await fs.promises.rm(tmpPath, { force: true });
      throw new UploadRejected('too_large', { limit });
    }
    return { tmpPath, size, sha256: hash.digest('hex'), utf8, nul, head: Buffer.concat(headParts) };
  }
}

function looksLikeEmail(head: Buffer): boolean {
  const text = head.toString('latin1');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // RFC 5322: the message starts with header fields `Name: value` (mbox exports start with "From ").
  return /^[!-9;-~]+:[ \t]?\S/.test(firstLine) || /^From \S+/.test(firstLine);
}

async function classify(r: Received, filename: string, declaredType: string | undefined): Promise<FileKind> {
  const detected = await fileTypeFromFile(r.tmpPath);
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  const ext = extensionOf(filename);
  let kind: FileKind | undefined;
  if (ext) {
    kind = byExt.get(ext);
    if (!kind) throw new UploadRejected('not_allowed', { extension: ext, allowed: ALLOWED_EXTENSIONS });
  } else if (detected) {
    kind = kinds.find((k) => k.detected.includes(detected.mime));
    if (!kind) throw new UploadRejected('not_allowed', { detected: detected.mime, allowed: ALLOWED_EXTENSIONS });
  } else {
    kind = byExt.get('txt')!;
  }
  const mismatch = (extra: Record<string, unknown> = {}) =>
    new UploadRejected('mismatch', { declared: kind.ext, detected: detected?.mime ?? (r.utf8 && !r.nul ? 'text' : 'unknown'), ...extra });

  switch (kind.check) {
    case 'binary':
      if (!detected || !kind.detected.includes(detected.mime)) throw mismatch();
      break;
    case 'zip':
      // Office files are zip containers; file-type names the OOXML kind when it can see it.
      if (!detected || (detected.mime !== 'application/zip' && !kind.detected.includes(detected.mime))) throw mismatch();
      break;
    case 'text':
      if (detected) throw mismatch();
      if (r.nul || !r.utf8) throw new UploadRejected('text_encoding', { extension: kind.ext });
      break;
    case 'email':
      if (detected || r.nul || !looksLikeEmail(r.head)) throw mismatch();
      break;
  }
  // What the client claimed must agree too: a generic type says nothing, anything else must fit.
  if (declared && declared !== 'application/octet-stream' && declared !== kind.mime && !kind.declared.includes(declared) && !kind.detected.includes(declared)) {
    throw mismatch({ declaredType: declared });
  }
  return kind;
}
