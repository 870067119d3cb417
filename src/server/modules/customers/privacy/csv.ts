import { stringify } from 'csv-stringify/sync';

// Cells Excel or WPS would run as a formula (CSV injection): prefixed with an apostrophe.
const FORMULA = /^[=+\-@\t\r]/;
// A plain number such as -5.00 is data, not a formula.
const NUMBER = /^-?\d+(\.\d+)?$/;

/** One text cell made safe for spreadsheets. */
export function escapeCell(value: string): string {
  return FORMULA.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}


/**
 * A CSV file for Excel: UTF-8 with a BOM (or Chinese turns into mojibake), CRLF line ends, a
 * header row, formula prefixes escaped, empty cells for null, times in ISO 8601 (UTC), objects
 * as JSON.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c])),
    {
      bom: true,
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      cast: {
        string: escapeCell,
        boolean: (b) => (b ? 'true' : 'false'),
        date: (d) => d.toISOString(),
        object: (o) => escapeCell(JSON.stringify(o)),
      },
    },
  );
}
