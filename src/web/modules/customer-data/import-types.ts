/**
 * Wire shapes of §2.8 imports, mirroring src/server/modules/customers/import/import.schema.ts
 * (the web app imports no server code).
 */

export const DUPLICATE_MODES = ['skip', 'update', 'merge'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];
export type ImportStatus = 'uploaded' | 'validated' | 'running' | 'done' | 'failed';

export type ImportProblem = {
  /** Spreadsheet row number, the header being row 1 (0 for the "more problems" line). */
  row: number;
  column: string | null;
  code: string;
  message: string;
};

export type ImportView = {
  id: string;
  fileId: string;
  filename: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  headers: string[];
  /** header → target (`name`, `phone`, `custom.level` …); headers not listed are not imported. */
  mapping: Record<string, string>;
  duplicateMode: DuplicateMode;
  totalRows: number;
  processedRows: number;
  /** After a dry run what the run would do; after the run what it did. */
  counts: { created: number; updated: number; skipped: number; errors: number };
  problemCount: number;
  /** The first 500 problems (the XLSX report holds up to 10,000). */
  problems: ImportProblem[];
  failure: string | null;
  targets: { target: string; label: string }[];
  /** The first data rows; on upload only. */
  preview?: string[][];
  createdAt: string;
  updatedAt: string;
};

/** What `customer_import.progress` realtime events carry. */
export type ImportProgressEvent = { id: string; phase: 'validate' | 'import'; processed: number; total: number };

/** Targets several columns may feed (a file with 手机 and 座机 columns); the rest take one column. */
export const MULTI_TARGETS: ReadonlySet<string> = new Set(['phone', 'tags']);

/** Problems that do not stop a row: the row is imported, skipped or updated as the mode says. */
export const isNotice = (code: string) => code.startsWith('duplicate_existing_') || code === 'duplicate_out_of_scope' || code === 'status_not_changed' || code === 'problems_truncated';

export const MAX_FILE_MB = 50;
export const MAX_ROWS = 200_000;
