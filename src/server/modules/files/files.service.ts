import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { ALLOWED_EXTENSIONS, type FileStore, UploadRejected } from '../../platform/files.js';
import { type Locale, t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import * as repo from './files.repo.js';
import { presentFile } from './files.presenter.js';
import type { FileView } from './files.schema.js';

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** Upload refusals as API errors, with a message that names what was wrong. */
export function rejectionError(err: UploadRejected, locale: Locale): AppError {
  const d = err.details;
  switch (err.reason) {
    case 'too_large':
      return new AppError('file_too_large', 413, { limit: d.limit }, t(locale, 'files.too_large', { limit: mb(Number(d.limit)) }));
    case 'empty':
      return new AppError('file_empty', 400);
    case 'not_allowed':
      return new AppError(
        'file_type_not_allowed',
        415,
        d,
        t(locale, 'files.not_allowed', { type: d.extension ? `.${String(d.extension)}` : String(d.detected), allowed: ALLOWED_EXTENSIONS.join(', ') }),
      );
    case 'mismatch':
      return new AppError(
        'file_type_mismatch',
        415,
        d,
        d.declaredType
          ? t(locale, 'files.declared_mismatch', { declared: `.${String(d.declared)}`, declaredType: String(d.declaredType) })
          : t(locale, 'files.mismatch', { declared: `.${String(d.declared)}`, detected: String(d.detected) }),
      );
    case 'text_encoding':
      return new AppError('file_text_encoding', 415, d, t(locale, 'files.text_encoding', { ext: `.${String(d.extension)}` }));
  }
}

export async function upload(
  db: Kysely<DB>,
  store: FileStore,
  input: { actor: Actor; source: Readable; filename?: string; declaredType?: string; limit: number; locale: Locale },
): Promise<FileView> {
  let stored;
  try {
    stored = await store.save(input.source, { filename: input.filename, declaredType: input.declaredType, limit: input.limit });
  } catch (err) {
    if (err instanceof UploadRejected) throw rejectionError(err, input.locale);
    throw err;
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await repo.insertFile(tx, {
        org_id: input.actor.orgId,
        id: uuidv7(),
        storage_key: stored.key,
        filename: stored.filename,
        content_type: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploaded_by: input.actor.userId,
        entity_type: null,
        entity_id: null,
      });
      await recordAudit(
        tx,
        auditBy(input.actor, {
          action: 'file.upload',
          entityType: 'file',
          entityId: row.id,
          after: { filename: row.filename, contentType: row.content_type, size: stored.size, sha256: row.sha256 },
        }),
      );
      return presentFile(row);
    });
  } catch (err) {
    // No row, no file: the bytes of a failed insert are not kept.
    await store.remove(stored.key).catch(() => {});
    throw err;
  }
}

export async function getFile(db: Kysely<DB>, actor: Actor, id: string): Promise<FileView> {
  const row = await repo.findFile(db, actor.orgId, id);
  if (!row) throw notFound('file');
  return presentFile(row);
}

export async function openContent(db: Kysely<DB>, store: FileStore, actor: Actor, id: string) {
  const row = await repo.findFile(db, actor.orgId, id);
  if (!row) throw notFound('file');
  if (!(await store.exists(row.storage_key))) throw new AppError('file_content_missing', 404, { id });
  return { file: presentFile(row), stream: store.open(row.storage_key) };
}

/** Soft delete (the bytes stay for the recycle period); the uploader, or someone with files.manage. */
export async function deleteFile(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await repo.findFile(tx, actor.orgId, id);
    if (!row) throw notFound('file');
    if (row.uploaded_by !== actor.userId && !actor.permissions.has('files.manage')) throw forbidden('files.manage');
    await repo.softDelete(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'file.delete', entityType: 'file', entityId: id, before: { filename: row.filename, sha256: row.sha256 } }));
  });
}

/**
 * For other modules: attaches uploaded files to a record (ticket reply, customer, call). The
 * calling module has already authorized access to the record; files of other orgs are ignored.
 */
export function linkFiles(db: Kysely<DB>, orgId: string, ids: string[], entityType: string, entityId: string): Promise<number> {
  return repo.linkFiles(db, orgId, ids, entityType, entityId);
}

/** Days a deleted file's bytes are kept before the purge job removes them. */
export const FILE_RECYCLE_DAYS = 30;

export async function purgeDeleted(db: Kysely<DB>, store: FileStore, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FILE_RECYCLE_DAYS * 86_400_000);
  let purged = 0;
  for (;;) {
    const batch = await repo.deletedBefore(db, before, 200);
    if (batch.length === 0) return purged;
    for (const f of batch) {
      await store.remove(f.storage_key);
      await repo.hardDelete(db, f.org_id, f.id);
      purged++;
    }
  }
}
