import { z } from 'zod';

/**
 * Wire contract of customer imports (§2.8), shared by the server (validation, OpenAPI) and the
 * web app (types).
 */

export const DUPLICATE_MODES = ['skip', 'update', 'merge'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];
export const IMPORT_STATUSES = ['uploaded', 'validated', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const importProblemView = z.object({
  /** Spreadsheet row number, the header being row 1 (0 for the "more problems" line). */
  row: z.number().int(),
  /** The header text of the column, or null for a row-level problem. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemView>;

export const importTargetView = z.object({ target: z.string(), label: z.string() });

export const importView = z.object({
  id: z.uuid(),
  fileId: z.uuid(),
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(IMPORT_STATUSES),
  headers: z.array(z.string()),
  /** header → target (`name`, `phone`, `custom.level`, …); headers not listed are ignored. */
  mapping: z.record(z.string(), z.string()),
  duplicateMode: z.enum(DUPLICATE_MODES),
  totalRows: z.number().int(),
  /** Rows done so far: live while running (from this node's memory), final after. */
  processedRows: z.number().int(),
  /** After a dry run: what the run would do; after the run: what it did. */
  counts: z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), errors: z.number().int() }),
  /** All problems found (the list holds at most the first 500; the XLSX report up to 10,000). */
  problemCount: z.number().int(),
  problems: z.array(importProblemView),
  failure: z.string().nullable(),
  /** What a column can be mapped to, labelled in the caller's language (custom fields included). */
  targets: z.array(importTargetView),
  /** The first data rows, on upload only, to help choose the mapping. */
  preview: z.array(z.array(z.string())).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportView = z.infer<typeof importView>;

export const importList = z.object({ items: z.array(importView.omit({ problems: true, targets: true, preview: true })) });

export const updateImportBody = z.strictObject({
  mapping: z.record(z.string().max(200), z.string().max(60)).optional(),
  duplicateMode: z.enum(DUPLICATE_MODES).optional(),
});
export type UpdateImportBody = z.infer<typeof updateImportBody>;
