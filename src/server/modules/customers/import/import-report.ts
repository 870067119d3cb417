import ExcelJS from 'exceljs';
import { type Locale, t } from '../../../platform/i18n.js';
import type { ImportProblem } from '../customers.tables.js';

/** Problems kept per import; beyond it only the count is kept (a last line says how many more). */
export const MAX_STORED_PROBLEMS = 10_000;
const TRUNCATED = 'problems_truncated';

/** Stored marker line: `omitted` more problems were found than listed. */
type StoredProblem = ImportProblem & { omitted?: number };

/** Collects the problems of a validation or run, in row order, keeping at most MAX_STORED_PROBLEMS. */
export class ProblemLog {
  readonly kept: ImportProblem[] = [];
  total = 0;

  constructor(private readonly cap = MAX_STORED_PROBLEMS) {}

  add(p: ImportProblem): void {
    this.total++;
    if (this.kept.length < this.cap) this.kept.push(p);
  }

  /** What `customer_imports.problems` stores: the kept list plus, when cut, a marker with the rest's count. */
  stored(locale: Locale): StoredProblem[] {
    const omitted = this.total - this.kept.length;
    if (omitted === 0) return this.kept;
    return [...this.kept, { row: 0, column: null, code: TRUNCATED, message: t(locale, `customerImport.problems.${TRUNCATED}`, { count: omitted }), omitted }];
  }
}

/** Reads a stored list back: the listed problems and the total count found. */
export function readStoredProblems(stored: readonly StoredProblem[]): { problems: ImportProblem[]; total: number } {
  const last = stored[stored.length - 1];
  if (last?.code === TRUNCATED) {
    const problems = stored.slice(0, -1).map(({ row, column, code, message }) => ({ row, column, code, message }));
    return { problems, total: problems.length + (last.omitted ?? 0) };
  }
  return { problems: [...stored], total: stored.length };
}

/** The downloadable report: one sheet (row, column, problem) with headers in the reader's language. */
export async function reportWorkbook(stored: readonly StoredProblem[], locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kefu';
  const ws = wb.addWorksheet(t(locale, 'customerImport.report.sheet'));
  ws.columns = [
    { header: t(locale, 'customerImport.report.row'), key: 'row', width: 8 },
    { header: t(locale, 'customerImport.report.column'), key: 'column', width: 22 },
    { header: t(locale, 'customerImport.report.problem'), key: 'problem', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const p of stored) {
    // Cells are written as plain strings: a value from the file is never a formula here.
    ws.addRow({ row: p.row > 0 ? p.row : '', column: p.column ?? '', problem: p.message });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
