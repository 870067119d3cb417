import { Readable } from 'node:stream';
import { can } from '../../../platform/access.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files.js';
import { t } from '../../../platform/i18n.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { CustomFieldDef } from '../../../../shared/custom-fields.js';
import { upload } from '../../files/files.service.js';
import type { CustomerCtx } from '../customers.common.js';
import { customDefsOf } from '../customers.service.js';
import { checkMapping, compactMapping, IMPORT_TARGETS, type Mapping, suggestMapping, targetLabel } from './column-mapping.js';
import { decodeCsv, formatOf, MAX_BYTES, openSheet, SheetError } from './import-parse.js';
import { liveProgress } from './import-progress.js';
import { readStoredProblems, reportWorkbook } from './import-report.js';
import { type RunOptions, validateImport } from './import-run.js';
import type { ImportView, UpdateImportBody } from './import.schema.js';
import * as repo from './import.repo.js';

/** Import lifecycle: upload → (mapping) → dry run → run (a durable job) → report. */

export const IMPORT_JOB = 'customers.import';
const LISTED_PROBLEMS = 500;
const PREVIEW_ROWS = 5;

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

/** A refused file as a localized 4xx. */
export function sheetError(err: SheetError, actor: Pick<Actor, 'locale'>): AppError {
  const status = err.reason === 'unreadable' || err.reason === 'empty' ? 400 : 413;
  return new AppError(`import_${err.reason}`, status, err.params, t(actor.locale, `errors.import_${err.reason}`, err.params));
}

export function targetsOf(defs: readonly CustomFieldDef[], actor: Actor) {
  const custom = defs.filter((d) => d.active !== false).map((d) => `custom.${d.key}`);
  return [...IMPORT_TARGETS, ...custom].map((target) => ({ target, label: targetLabel(target, defs, actor.locale) }));
}

function present(row: repo.ImportRow, actor: Actor, defs: readonly CustomFieldDef[], extra: Partial<ImportView> = {}): ImportView {
  const { problems, total } = readStoredProblems(row.problems ?? []);
  const live = row.status === 'running' ? liveProgress(row.id) : undefined;
  return {
    id: row.id,
    fileId: row.file_id,
    filename: row.filename,
    format: row.format,
    status: row.status,
    headers: row.headers,
    mapping: row.mapping,
    duplicateMode: row.duplicate_mode,
    totalRows: row.total_rows,
    processedRows: live?.phase === 'import' ? live.processed : row.processed_rows,
    counts: { created: row.created_count, updated: row.updated_count, skipped: row.skipped_count, errors: row.error_count },
    problemCount: total,
    problems: problems.slice(0, LISTED_PROBLEMS),
    failure: row.failure,
    targets: targetsOf(defs, actor),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...extra,
  };
}

/** The caller's own import; anyone else's answers 404 (its report holds values from their file). */
async function load(ctx: CustomerCtx, id: string): Promise<repo.ImportRow> {
  const row = await repo.findImport(ctx.kefu.db, ctx.actor.orgId, id);
  if (!row || row.created_by !== ctx.actor.userId) throw notFound('customer_import');
  return row;
}

function wrongStatus(ctx: CustomerCtx, status: string): AppError {
  const label = t(ctx.actor.locale, `customerImport.status.${status}`);
  return new AppError('import_wrong_status', 409, { status }, t(ctx.actor.locale, 'errors.import_wrong_status', { status: label }));
}

function mappingError(problems: ReturnType<typeof checkMapping>): AppError {
  return new AppError('import_invalid_mapping', 400, problems.map((p) => ({ path: ['body', 'mapping', p.header], code: p.code, message: p.message })));
}

/** Updating or merging duplicates changes existing customers: that needs customers.update too. */
function assertModeAllowed(ctx: CustomerCtx, mode: string): void {
  if (mode !== 'skip' && !can(ctx.actor, 'customers.update')) throw new AppError('import_needs_update_permission', 403);
}

export type UploadInput = { bytes: Buffer; filename: string; declaredType?: string };

/**
 * Takes an uploaded CSV or XLSX: checks its size, format and row count, stores it as a regular
 * file record (a GBK or UTF-16 CSV is stored transcoded to UTF-8, which the file store requires
 * of text), and creates the import with the headers and a suggested mapping.
 */
export async function createImport(ctx: CustomerCtx, store: FileStore, input: UploadInput): Promise<ImportView> {
  const { kefu, actor } = ctx;
  const format = formatOf(input.filename);
  if (!format) throw new AppError('import_format_unsupported', 415);
  if (input.bytes.length > MAX_BYTES) throw new AppError('import_too_large', 413, { limit: MAX_BYTES }, t(actor.locale, 'errors.import_too_large', { limit: mb(MAX_BYTES) }));
  let bytes = input.bytes;
  if (format === 'csv') {
    const decoded = decodeCsv(bytes);
    if (decoded.encoding !== 'utf-8') bytes = Buffer.from(decoded.text, 'utf8');
  }
  let inspected: { headers: string[]; totalRows: number; preview: string[][] };
  try {
    const sheet = await openSheet(format, Readable.from([bytes]));
    const preview: string[][] = [];
    let totalRows = 0;
    for await (const r of sheet.rows) {
      if (++totalRows <= PREVIEW_ROWS) preview.push(r.cells);
    }
    if (totalRows === 0) throw new SheetError('empty');
    inspected = { headers: sheet.headers, totalRows, preview };
  } catch (err) {
    if (err instanceof SheetError) throw sheetError(err, actor);
    throw err;
  }
  const file = await upload(kefu.db, store, { actor, source: Readable.from([bytes]), filename: input.filename, declaredType: input.declaredType, limit: MAX_BYTES, locale: actor.locale });
  const defs = await customDefsOf(kefu.db, actor.orgId);
  const row = await repo.insertImport(kefu.db, {
    org_id: actor.orgId,
    id: uuidv7(),
    file_id: file.id,
    filename: file.filename,
    format,
    headers: JSON.stringify(inspected.headers),
    mapping: JSON.stringify(suggestMapping(inspected.headers, defs)),
    total_rows: inspected.totalRows,
    problems: '[]',
    created_by: actor.userId,
  });
  return present(row, actor, defs, { preview: inspected.preview });
}

export async function getImport(ctx: CustomerCtx, id: string): Promise<ImportView> {
  return present(await load(ctx, id), ctx.actor, await customDefsOf(ctx.kefu.db, ctx.actor.orgId));
}

export async function listImports(ctx: CustomerCtx) {
  const rows = await repo.listImports(ctx.kefu.db, ctx.actor.orgId, ctx.actor.userId, 50);
  return {
    items: rows.map((r) => {
      const { problems: _p, targets: _t, preview: _v, ...rest } = present(r, ctx.actor, []);
      return rest;
    }),
  };
}

/** Sets the mapping and/or the duplicate mode; a new choice makes an earlier dry run stale. */
export async function updateImport(ctx: CustomerCtx, id: string, body: UpdateImportBody): Promise<ImportView> {
  const { kefu, actor } = ctx;
  const row = await load(ctx, id);
  if (row.status === 'running' || row.status === 'done') throw wrongStatus(ctx, row.status);
  const defs = await customDefsOf(kefu.db, actor.orgId);
  let mapping: Mapping | undefined;
  if (body.mapping) {
    const problems = checkMapping(body.mapping, row.headers, defs, actor.locale);
    if (problems.length > 0) throw mappingError(problems);
    mapping = compactMapping(body.mapping);
  }
  if (body.duplicateMode) assertModeAllowed(ctx, body.duplicateMode);
  const updated = await repo.updateImport(kefu.db, actor.orgId, id, {
    ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
    ...(body.duplicateMode ? { duplicate_mode: body.duplicateMode } : {}),
    status: 'uploaded',
    problems: '[]',
    processed_rows: 0,
    created_count: 0,
    updated_count: 0,
    skipped_count: 0,
    error_count: 0,
    failure: null,
  });
  return present(updated, actor, defs);
}

async function ready(ctx: CustomerCtx, id: string) {
  const row = await load(ctx, id);
  if (!['uploaded', 'validated', 'failed'].includes(row.status)) throw wrongStatus(ctx, row.status);
  const defs = await customDefsOf(ctx.kefu.db, ctx.actor.orgId);
  const problems = checkMapping(row.mapping, row.headers, defs, ctx.actor.locale);
  if (problems.length > 0) throw mappingError(problems);
  assertModeAllowed(ctx, row.duplicate_mode);
  return { row, defs };
}

/** The dry run (synchronous): counts and problems of every row, nothing written to customers. */
export async function validate(ctx: CustomerCtx, id: string, opts: RunOptions = {}): Promise<ImportView> {
  const { row, defs } = await ready(ctx, id);
  try {
    await validateImport(ctx.kefu, ctx.actor, row, opts);
  } catch (err) {
    if (err instanceof SheetError) throw sheetError(err, ctx.actor);
    throw err;
  }
  return present((await repo.findImport(ctx.kefu.db, ctx.actor.orgId, id))!, ctx.actor, defs);
}

/** Starts the run: marks the import running and enqueues its job in the same transaction. */
export async function startRun(ctx: CustomerCtx, id: string): Promise<ImportView> {
  const { kefu, actor } = ctx;
  const { defs } = await ready(ctx, id);
  const row = await kefu.db.transaction().execute(async (tx) => {
    const locked = await repo.findImport(tx, actor.orgId, id, { lock: true });
    if (!locked || !['uploaded', 'validated', 'failed'].includes(locked.status)) throw wrongStatus(ctx, locked?.status ?? 'running');
    const updated = await repo.updateImport(tx, actor.orgId, id, { status: 'running', processed_rows: 0, failure: null });
    await kefu.jobs.enqueue(tx, IMPORT_JOB, { orgId: actor.orgId, importId: id, userId: actor.userId, ip: actor.ip }, { orgId: actor.orgId, uniqueKey: `customer-import:${id}`, maxAttempts: 3 });
    return updated;
  });
  return present(row, actor, defs);
}

/** The report as XLSX (row, column, problem), headers in the caller's language. */
export async function reportFile(ctx: CustomerCtx, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const row = await load(ctx, id);
  const base = row.filename.replace(/\.(csv|xlsx)$/i, '');
  return { filename: `${base}-${t(ctx.actor.locale, 'customerImport.report.sheet')}.xlsx`, bytes: await reportWorkbook(row.problems ?? [], ctx.actor.locale) };
}
