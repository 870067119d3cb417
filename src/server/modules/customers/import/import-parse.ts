import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { readXlsx, type XlsxValue } from './xlsx-reader.js';

/**
 * Reading spreadsheets for the customer import (§2.8): CSV in UTF-8 (with or without BOM),
 * GB18030/GBK (what Excel on Chinese Windows saves) or UTF-16 with BOM (Excel's "Unicode
 * text"), and XLSX (first worksheet). Every cell becomes text; rows are streamed, so a
 * 200,000-row file never sits in memory as objects.
 */

export type ImportFormat = 'csv' | 'xlsx';
/** One data row: its spreadsheet row number (the header is row 1) and the cell texts. */
export type SheetRow = { row: number; cells: string[] };

export const MAX_ROWS = 200_000;
export const MAX_BYTES = 50 * 1_048_576;
export const MAX_COLUMNS = 200;

/** Why a file cannot be imported; the service turns it into a localized 4xx. */
export class SheetError extends Error {
  constructor(
    readonly reason: 'too_many_rows' | 'too_many_columns' | 'empty' | 'unreadable',
    readonly params: Record<string, unknown> = {},
  ) {
    super(`sheet: ${reason}`);
    this.name = 'SheetError';
  }
}

export function formatOf(filename: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

export type Decoded = { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' };

/**
 * The text of CSV bytes. A BOM decides; else strict UTF-8, and bytes that are not valid UTF-8
 * are read as GB18030 (a superset of GBK and GB2312), which is what Chinese Excel writes.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The separator of the header line: comma, tab (Excel's Unicode text) or semicolon (European Excel). */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';'].map((d) => ({ d, n: first.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

// NUL breaks PostgreSQL text and lone surrogates are not UTF-8: neither can be stored.
// eslint-disable-next-line no-control-regex -- removing NUL is the point
const cellClean = (s: string) => (s.includes('\u0000') ? s.replace(/\u0000/g, '') : s).toWellFormed();

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An Excel date: a Date whose UTC fields are the sheet's wall-clock fields. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return time === 0 ? day : `${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** The text of an XLSX cell value as the import reads it. */
export function cellText(value: XlsxValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cellClean(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return dateText(value);
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

async function* csvRows(source: Readable): AsyncGenerator<{ row: number; cells: string[] }> {
  // Sniff the delimiter from the first chunk, then parse the whole stream with it.
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.isBuffer(first.value) ? first.value.toString('utf8') : String(first.value);
  const parser = parse({ bom: true, delimiter: detectDelimiter(head.replace(/^\uFEFF/, '')), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const rest = async function* () {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  Readable.from(rest()).pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map(cellClean) };
    }
  } catch (err) {
    throw new SheetError('unreadable', { reason: (err as Error).message });
  }
}

async function* xlsxRows(source: Readable): AsyncGenerator<{ row: number; cells: string[] }> {
  // An XLSX is a zip whose directory sits at its end, so the (size-limited) file is read whole.
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  try {
    for await (const r of readXlsx(Buffer.concat(parts))) yield { row: r.row, cells: r.values.map(cellText) };
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError('unreadable', { reason: (err as Error).message });
  }
}

export type Sheet = { headers: string[]; rows: AsyncGenerator<SheetRow> };

/** Unique, non-empty header texts: a blank header is named by its column letter, a repeated one numbered. */
export function headerNames(cells: string[]): string[] {
  let last = cells.length;
  while (last > 0 && cells[last - 1].trim() === '') last--;
  const seen = new Map<string, number>();
  return cells.slice(0, last).map((raw, i) => {
    let name = raw.replace(/\s+/g, ' ').trim() || `[${columnLetter(i)}]`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    return name;
  });
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Opens a sheet: the first non-blank row is the header, then the non-blank data rows follow
 * with their spreadsheet row numbers. CSV sources must already be UTF-8 (see decodeCsv).
 */
export async function openSheet(format: ImportFormat, source: Readable): Promise<Sheet> {
  const all = format === 'csv' ? csvRows(source) : xlsxRows(source);
  let headers: string[] | null = null;
  for (let next = await all.next(); !next.done; next = await all.next()) {
    if (blank(next.value.cells)) continue;
    headers = headerNames(next.value.cells);
    break;
  }
  if (!headers || headers.length === 0) throw new SheetError('empty');
  if (headers.length > MAX_COLUMNS) throw new SheetError('too_many_columns', { columns: headers.length, limit: MAX_COLUMNS });
  const width = headers.length;
  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    for await (const r of all) {
      if (blank(r.cells)) continue;
      if (++count > MAX_ROWS) throw new SheetError('too_many_rows', { rows: MAX_ROWS, limit: MAX_ROWS });
      const cells = r.cells.length >= width ? r.cells.slice(0, width) : [...r.cells, ...Array<string>(width - r.cells.length).fill('')];
      yield { row: r.row, cells };
    }
  }
  return { headers, rows: rows() };
}

/** Headers and the number of data rows, enforcing the limits (used at upload). */
export async function inspectSheet(format: ImportFormat, source: Readable): Promise<{ headers: string[]; totalRows: number }> {
  const sheet = await openSheet(format, source);
  let totalRows = 0;
  for await (const _row of sheet.rows) totalRows++;
  if (totalRows === 0) throw new SheetError('empty');
  return { headers: sheet.headers, totalRows };
}
