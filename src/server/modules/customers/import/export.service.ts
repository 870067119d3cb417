import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { authorize } from '../../../platform/access.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { encodeCursor } from '../../../platform/http/pagination.js';
import { t } from '../../../platform/i18n.js';
import type { CustomerFilter } from '../../../../shared/customers.js';
import type { CustomerCtx } from '../customers.common.js';
import { presentCustomer } from '../customers.presenter.js';
import * as customersRepo from '../customers.repo.js';
import { countCustomers, customDefsOf } from '../customers.service.js';
import { exactTimestamp } from './export.repo.js';
import { EXPORT_CAP, type ExportColumn, escapeFormula, resolveColumns } from './export-columns.js';

/**
 * §2.8 export of the register: the caller's current view (search, filter, sort) in their data
 * scope, each customer presented through their field rules — a masked phone exports masked.
 * Streamed page by page (keyset), never loaded whole; audited as `data.export` before the first
 * byte leaves, so an export is on record even if the download is interrupted.
 */

export type ExportQuery = {
  format: 'csv' | 'xlsx';
  q?: string;
  filter?: CustomerFilter;
  sort: customersRepo.ListOptions['sort'];
  columns?: string[];
};

const PAGE = 500;

async function* records(ctx: CustomerCtx, query: ExportQuery, columns: ExportColumn[], limit: number): AsyncGenerator<string[]> {
  const { kefu, actor } = ctx;
  const customDefs = await customDefsOf(kefu.db, actor.orgId);
  const searching = !!query.q?.trim();
  let cursor: string | undefined;
  let sent = 0;
  while (sent < limit) {
    const rows = await customersRepo.listCustomers(kefu.db, actor, { q: query.q, filter: query.filter, customDefs, sort: query.sort, limit: PAGE, cursor });
    const page = rows.slice(0, PAGE);
    for (const row of page) {
      if (sent >= limit) return;
      const view = await presentCustomer(kefu, actor, row);
      sent++;
      yield columns.map((c) => escapeFormula(c.value(view)));
    }
    if (rows.length <= PAGE) return;
    const last = page[page.length - 1];
    const column = query.sort.column;
    const v = searching ? (last.rank ?? 2) : column === 'name' ? last.name : await exactTimestamp(kefu.db, actor.orgId, last.id, column);
    cursor = encodeCursor({ v, id: last.id });
  }
}

function csvStream(header: string[], rows: AsyncGenerator<string[]>): Readable {
  // UTF-8 with BOM: without it Excel on Chinese Windows reads the file as GBK and garbles it.
  const out = stringify({ bom: true });
  async function* all() {
    yield header.map(escapeFormula);
    yield* rows;
  }
  Readable.from(all()).on('error', (err) => out.destroy(err)).pipe(out);
  return out;
}

function xlsxStream(header: string[], rows: AsyncGenerator<string[]>, sheetName: string): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  void (async () => {
    const head = ws.addRow(header);
    head.font = { bold: true };
    head.commit();
    // Every value is written as a string cell (never a formula), already escaped for CSV re-saves.
    for await (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Authorizes, audits and starts the export; the caller streams `body` as an attachment. */
export async function exportCustomers(ctx: CustomerCtx, query: ExportQuery): Promise<{ filename: string; contentType: string; body: Readable; rows: number; truncated: boolean }> {
  const { kefu, actor } = ctx;
  // The route asks for data.export; reading customers is needed as well.
  authorize(actor, 'customers.read');
  const defs = await customDefsOf(kefu.db, actor.orgId);
  const { columns, unknown } = resolveColumns(query.columns, defs, actor.locale);
  if (unknown.length > 0 || columns.length === 0) {
    throw new AppError('export_invalid_columns', 400, { columns: unknown }, t(actor.locale, 'errors.export_invalid_columns', { columns: unknown.join(', ') }));
  }
  // Counting first also rejects an impossible filter with a 400 before anything is streamed.
  const matching = await countCustomers(ctx, { q: query.q, filter: query.filter });
  const rows = Math.min(matching, EXPORT_CAP);
  await kefu.db.transaction().execute((tx) =>
    recordAudit(
      tx,
      auditBy(actor, {
        action: 'data.export',
        entityType: 'customer',
        after: { format: query.format, rows, matching, truncated: matching > EXPORT_CAP, q: query.q ?? null, filter: query.filter ?? null, sort: query.sort, columns: columns.map((c) => c.key) },
      }),
    ),
  );
  const header = columns.map((c) => c.header);
  const data = records(ctx, query, columns, rows);
  const now = new Date();
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const filename = `${t(actor.locale, 'customerImport.export.filename')}-${day}.${query.format}`;
  if (query.format === 'csv') return { filename, contentType: 'text/csv; charset=utf-8', body: csvStream(header, data), rows, truncated: matching > EXPORT_CAP };
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: xlsxStream(header, data, t(actor.locale, 'customerImport.export.sheet')),
    rows,
    truncated: matching > EXPORT_CAP,
  };
}
