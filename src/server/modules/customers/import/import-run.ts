import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import type { Kefu } from '../../../platform/context.js';
import { blindIndex } from '../../../platform/crypto.js';
import type { DB } from '../../../platform/db-schema.js';
import { AppError } from '../../../platform/errors.js';
import { FileStore, resolveFilesDir } from '../../../platform/files.js';
import { t } from '../../../platform/i18n.js';
import { openContent } from '../../files/files.service.js';
import { customDefsOf } from '../customers.service.js';
import { openSheet, SheetError, type SheetRow } from './import-parse.js';
import { endProgress, type ImportPhase, publishProgress } from './import-progress.js';
import { ownerDirectory, planColumns } from './import-row.js';
import { type ChunkPlan, ImportValidator } from './import-validate.js';
import { writeChunk } from './import-write.js';
import * as repo from './import.repo.js';

/** Merges the customers' GIN pending lists an import filled (see `deferGinMerges`). */
export const GIN_MERGE_JOB = 'customers.gin_merge';

/**
 * The dry run and the run of an import. Both read the stored file again, validate it chunk by
 * chunk with one ImportValidator; the run writes each chunk as it goes, all inside ONE
 * transaction, so a failure anywhere leaves nothing half-imported.
 */

export type RunOptions = {
  /** Rows validated and written per step (default 1,000). */
  chunkSize?: number;
  /** Called after every chunk; throwing aborts (and, in a run, rolls everything back). */
  onProgress?: (processed: number, total: number) => void | Promise<void>;
  today?: Date;
};

export type ImportResult = { processed: number; created: number; updated: number; skipped: number; errors: number; problemCount: number };

const DEFAULT_CHUNK = 1000;

/** Everything a pass needs that must be read before a transaction opens (PGlite has one connection). */
async function prepare(kefu: Kefu, actor: Actor, imp: repo.ImportRow, opts: RunOptions) {
  const customDefs = await customDefsOf(kefu.db, actor.orgId);
  const staff = await repo.activeStaff(kefu.db, actor.orgId);
  const me = staff.find((u) => u.id === actor.userId) ?? { id: actor.userId, username: actor.username, display_name: actor.displayName, department_id: actor.departmentId };
  // Loads the master key now: inside the transaction its first load would wait for the connection the transaction holds.
  await blindIndex(kefu, 'warm-up');
  await repo.analyzeTables(kefu.db, ['customers', 'customer_phones'], { inTransaction: false });
  const plan = { columns: planColumns(imp.headers, imp.mapping), customDefs, owners: ownerDirectory(staff), locale: actor.locale };
  const validator = new ImportValidator({ host: kefu, actor, mode: imp.duplicate_mode, plan, defaultOwner: me, today: opts.today });
  let stream;
  try {
    stream = (await openContent(kefu.db, new FileStore(resolveFilesDir(kefu.config)), actor, imp.file_id)).stream;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new AppError('import_file_missing', 410);
    throw err;
  }
  const sheet = await openSheet(imp.format, stream);
  return { validator, rows: sheet.rows };
}

async function* chunks(rows: AsyncIterable<SheetRow>, size: number): AsyncGenerator<SheetRow[]> {
  let chunk: SheetRow[] = [];
  for await (const r of rows) {
    chunk.push(r);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

async function pass(
  kefu: Kefu,
  actor: Actor,
  imp: repo.ImportRow,
  opts: RunOptions,
  phase: ImportPhase,
  step: (db: Kysely<DB>, validator: ImportValidator, rows: SheetRow[]) => Promise<void>,
  db: Kysely<DB>,
  prepared: Awaited<ReturnType<typeof prepare>>,
): Promise<ImportValidator> {
  const { validator, rows } = prepared;
  for await (const chunk of chunks(rows, opts.chunkSize ?? DEFAULT_CHUNK)) {
    await step(db, validator, chunk);
    const processed = validator.counts.processed;
    publishProgress(kefu, actor, imp.id, { phase, processed, total: imp.total_rows });
    await opts.onProgress?.(processed, imp.total_rows);
  }
  return validator;
}

function resultOf(v: ImportValidator): ImportResult {
  return { ...v.counts, problemCount: v.problems.total };
}

function countsColumns(v: ImportValidator, actor: Actor) {
  const c = v.counts;
  return {
    processed_rows: c.processed,
    created_count: c.created,
    updated_count: c.updated,
    skipped_count: c.skipped,
    error_count: c.errors,
    problems: JSON.stringify(v.problems.stored(actor.locale)),
  };
}

/** The dry run: validates every row against the database and the file, stores the report, writes no customer. */
export async function validateImport(kefu: Kefu, actor: Actor, imp: repo.ImportRow, opts: RunOptions = {}): Promise<ImportResult> {
  try {
    const prepared = await prepare(kefu, actor, imp, opts);
    const v = await pass(kefu, actor, imp, opts, 'validate', (db, validator, rows) => validator.chunk(db, rows, false).then(() => {}), kefu.db, prepared);
    await repo.updateImport(kefu.db, actor.orgId, imp.id, { status: 'validated', failure: null, ...countsColumns(v, actor) });
    return resultOf(v);
  } finally {
    endProgress(imp.id);
  }
}

/** A failure as the importer reads it: ours are localized; anything else is not shown in detail. */
function failureText(err: unknown, actor: Actor): string {
  if (err instanceof AppError) return err.explicitMessage ?? t(actor.locale, `errors.${err.code}`, (err.details ?? {}) as Record<string, unknown>);
  if (err instanceof SheetError) return t(actor.locale, `errors.import_${err.reason}`, err.params);
  return t(actor.locale, 'errors.internal');
}

/**
 * Imports the file (the run): rows with errors are skipped and counted, duplicates follow the
 * import's mode, new customers get owner, search tokens, phones, status history and a
 * `created` timeline entry — all in one transaction with one `customer.import` audit entry.
 * Accepts an import that is uploaded, validated, failed or already marked running (by the
 * job); ends `done`, or `failed` with nothing written. Callable from the job, the CLI and
 * the benchmark.
 */
export async function runImport(kefu: Kefu, actor: Actor, importId: string, opts: RunOptions = {}): Promise<ImportResult> {
  const claimed = await kefu.db
    .updateTable('customer_imports')
    .set({ status: 'running', processed_rows: 0, failure: null, updated_at: new Date() })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', importId)
    .where('status', 'in', ['uploaded', 'validated', 'failed', 'running'])
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    const current = await repo.findImport(kefu.db, actor.orgId, importId);
    if (!current) throw new AppError('not_found', 404, { entity: 'customer_import' });
    throw new AppError('import_wrong_status', 409, { status: current.status }, t(actor.locale, 'errors.import_wrong_status', { status: t(actor.locale, `customerImport.status.${current.status}`) }));
  }
  const now = new Date();
  try {
    const prepared = await prepare(kefu, actor, claimed, opts);
    const base = await repo.estimatedCustomers(kefu.db);
    const result = await kefu.db.transaction().execute(async (tx) => {
      // Two runners of one import (a retried job): the second waits here and finds it done.
      const locked = await repo.findImport(tx, actor.orgId, importId, { lock: true });
      if (locked?.status !== 'running') throw new AppError('import_wrong_status', 409, { status: locked?.status });
      await repo.deferGinMerges(tx);
      // The statistics are refreshed each time the table has doubled since they were taken.
      let analyzedAt = 0;
      const writeAndAnalyze = async (plan: ChunkPlan, created: number) => {
        await writeChunk(tx, { actor, importId, now }, plan);
        if (created >= 1000 && base + created >= 2 * (base + analyzedAt)) {
          // Tried once per doubling even if a concurrent import held the lock (then it waits for the next one).
          await repo.analyzeTables(tx, ['customers', 'customer_phones'], { inTransaction: true });
          analyzedAt = created;
        }
      };
      // Pipelined: chunk n+1 is validated (JavaScript) while the database writes chunk n; the
      // writes themselves stay in order, one at a time, on the transaction's connection.
      let writing: Promise<void> = Promise.resolve();
      const step = async (db: Kysely<DB>, validator: ImportValidator, rows: SheetRow[]) => {
        // A failed write aborts the transaction, and then this chunk's probes fail too: report the write's error.
        const plan = await validator.chunk(db, rows, true).catch(async (err: unknown) => {
          await writing;
          throw err;
        });
        await writing;
        writing = writeAndAnalyze(plan, validator.counts.created);
        writing.catch(() => {}); // awaited by the next step or below; marked handled meanwhile
      };
      let v: ImportValidator;
      try {
        v = await pass(kefu, actor, claimed, opts, 'import', step, tx, prepared);
        await writing;
      } finally {
        // never leave the transaction with a statement of ours still queued on its connection
        await writing.catch(() => {});
      }
      await repo.updateImport(tx, actor.orgId, importId, { status: 'done', failure: null, ...countsColumns(v, actor) });
      // the index entries deferred above are merged once this commits (one job, however many imports)
      await kefu.jobs.enqueue(tx, GIN_MERGE_JOB, {}, { uniqueKey: GIN_MERGE_JOB, maxAttempts: 3 });
      const c = v.counts;
      // One entry for the whole import (the audit head is locked from here to the commit, so it comes last).
      await recordAudit(
        tx,
        auditBy(actor, {
          action: 'customer.import',
          entityType: 'customer_import',
          entityId: importId,
          after: { fileId: claimed.file_id, filename: claimed.filename, format: claimed.format, duplicateMode: claimed.duplicate_mode, rows: c.processed, created: c.created, updated: c.updated, skipped: c.skipped, errors: c.errors },
        }),
      );
      return resultOf(v);
    });
    // Best effort: duplicate checks at entry plan with these statistics too (no autovacuum on the embedded engine).
    await repo.analyzeTables(kefu.db, ['customers', 'customer_phones'], { inTransaction: false });
    return result;
  } catch (err) {
    await repo
      .updateImport(kefu.db, actor.orgId, importId, { status: 'failed', failure: failureText(err, actor).slice(0, 2000), processed_rows: 0 })
      .catch(() => {});
    throw err;
  } finally {
    endProgress(importId);
  }
}
