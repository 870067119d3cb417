import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { FileStore, resolveFilesDir, type StoredFile, UploadRejected } from '../../platform/files.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Kefu } from '../../platform/context.js';
import { insertFile } from '../files/files.repo.js';

export type IncomingFile = { filename: string; contentType: string; content: Buffer; contentId?: string | null };
export type SavedFile = StoredFile & { contentId: string | null };
export type RefusedFile = { filename: string; reason: UploadRejected['reason'] };

export function fileStoreOf(kefu: Kefu): FileStore {
  return new FileStore(resolveFilesDir(kefu.config));
}

/**
 * Stores the bytes of attachments that arrived with a customer's message, under server-made keys
 * and with the same checks as an upload (size, type decided from the bytes against the allowlist).
 * What fails a check is reported, not stored; the message itself is still taken.
 */
export async function saveIncomingFiles(store: FileStore, files: readonly IncomingFile[], limit: number): Promise<{ saved: SavedFile[]; refused: RefusedFile[] }> {
  const saved: SavedFile[] = [];
  const refused: RefusedFile[] = [];
  for (const f of files) {
    try {
      const stored = await store.save(Readable.from([f.content]), { filename: f.filename, declaredType: f.contentType, limit });
      saved.push({ ...stored, contentId: f.contentId ?? null });
    } catch (err) {
      if (!(err instanceof UploadRejected)) {
        await discardFiles(store, saved);
        throw err;
      }
      refused.push({ filename: f.filename, reason: err.reason });
    }
  }
  return { saved, refused };
}

/** The file rows of stored attachments, attached to the ticket; returns their ids in order. */
export async function recordIncomingFiles(tx: Kysely<DB>, orgId: string, ticketId: string, saved: readonly SavedFile[]): Promise<string[]> {
  const ids: string[] = [];
  for (const s of saved) {
    const row = await insertFile(tx, {
      org_id: orgId,
      id: uuidv7(),
      storage_key: s.key,
      filename: s.filename,
      content_type: s.contentType,
      size: s.size,
      sha256: s.sha256,
      uploaded_by: null,
      entity_type: 'ticket',
      entity_id: ticketId,
    });
    ids.push(row.id);
  }
  return ids;
}

/** Removes stored bytes whose rows were never committed. */
export async function discardFiles(store: FileStore, saved: readonly SavedFile[]): Promise<void> {
  await Promise.all(saved.map((s) => store.remove(s.key).catch(() => {})));
}
