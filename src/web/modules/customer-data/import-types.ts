/**
 * What the import screens need beyond the wire contract of §2.8 imports, which lives in
 * src/shared/customer-import.ts (re-exported here for the import screens).
 */

export { DUPLICATE_MODES, type DuplicateMode, type ImportProblem, type ImportStatus, type ImportView } from '../../../shared/customer-import';

/** What `customer_import.progress` realtime events carry. */
export type ImportProgressEvent = { id: string; phase: 'validate' | 'import'; processed: number; total: number };

/** Targets several columns may feed (a file with 手机 and 座机 columns); the rest take one column. */
export const MULTI_TARGETS: ReadonlySet<string> = new Set(['phone', 'tags']);

/** Problems that do not stop a row: the row is imported, skipped or updated as the mode says. */
export const isNotice = (code: string) => code.startsWith('duplicate_existing_') || code === 'duplicate_out_of_scope' || code === 'status_not_changed' || code === 'problems_truncated';

export const MAX_FILE_MB = 50;
export const MAX_ROWS = 200_000;
